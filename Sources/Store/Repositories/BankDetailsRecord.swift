/// A participant's bank details as stored: sealed holder and IBAN, and the masked IBAN shown back to people.
public struct BankDetailsRecord: Sendable, Hashable {
    public let participantID: Int64
    public let holderSealed: [UInt8]
    public let ibanSealed: [UInt8]
    /// E.g. `BG80 **** **** 5678`.
    public let ibanMasked: String

    public init(participantID: Int64, holderSealed: [UInt8], ibanSealed: [UInt8], ibanMasked: String) {
        self.participantID = participantID
        self.holderSealed = holderSealed
        self.ibanSealed = ibanSealed
        self.ibanMasked = ibanMasked
    }
}

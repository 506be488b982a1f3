/// A participant's bank details as stored: sealed holder and IBAN, the masked IBAN shown back to people, and the id
/// of the key that sealed them.
public struct BankDetailsRecord: Sendable, Hashable {
    public let participantID: Int64
    public let holderSealed: [UInt8]
    public let ibanSealed: [UInt8]
    /// E.g. `BG80 **** **** 5678`.
    public let ibanMasked: String
    /// Which key sealed the row (`database`, or a configured key's id).
    public let keyID: String

    public init(participantID: Int64, holderSealed: [UInt8], ibanSealed: [UInt8], ibanMasked: String, keyID: String) {
        self.participantID = participantID
        self.holderSealed = holderSealed
        self.ibanSealed = ibanSealed
        self.ibanMasked = ibanMasked
        self.keyID = keyID
    }
}

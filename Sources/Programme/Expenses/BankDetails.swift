/// A participant's bank details in clear: only ever held in memory, for the finance export.
public struct BankDetails: Sendable, Hashable {
    public let holder: String
    public let iban: IBAN

    public init(holder: String, iban: IBAN) {
        self.holder = holder
        self.iban = iban
    }
}

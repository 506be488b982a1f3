/// A participant's bank details in clear: only ever held in memory, for the finance export.
public struct BankDetails: Sendable, Hashable {
    public let holder: String
    public let iban: IBAN
}

/// An exchange rate a finance coordinator set for a programme: 1 EUR = `perEUR` units of `currency`.
public struct ExpenseRateRecord: Sendable, Hashable {
    public let currency: String
    /// Exact decimal text, e.g. `1.95583`.
    public let perEUR: String
    /// ISO date from which the rate applies.
    public let date: String
    /// Who set it (a participant's name or `cli`).
    public let setBy: String

    public init(currency: String, perEUR: String, date: String, setBy: String) {
        self.currency = currency
        self.perEUR = perEUR
        self.date = date
        self.setBy = setBy
    }
}

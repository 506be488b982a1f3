/// By when a claim must be made (`claims deadline: …` in a template), and what happens after.
public struct ClaimDeadline: Sendable, Hashable {
    /// How the deadline is counted.
    public enum Limit: Sendable, Hashable {
        /// At most this many days after the date of the expense (`60 days after expense`).
        case daysAfterExpense(Int)
        /// Up to the end of this day of the programme, counted from its start (`month 10` = day 299).
        case programmeDay(Int)
    }

    public let limit: Limit
    public let severity: RuleSeverity

    public init(limit: Limit, severity: RuleSeverity) {
        self.limit = limit
        self.severity = severity
    }
}

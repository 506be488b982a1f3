/// Where an expense claim stands. Stored as its raw value in `expense_claims.status`.
public enum ExpenseStatus: String, Sendable, Hashable, CaseIterable {
    /// Shown to the claimant with the budget left, waiting for their "yes".
    case draft
    /// Sent to the finance coordinator, waiting for a decision.
    case submitted
    /// The finance coordinator asked the claimant for a missing item.
    case needsInfo = "needs_info"
    case approved
    case rejected
    /// The transfer was made.
    case paid
    /// The claimant dropped the draft (or replaced it with a newer one).
    case dropped

    /// Statuses whose amounts count against the budget (a claim that may still be, or was, paid).
    public static let counted: [ExpenseStatus] = [.submitted, .needsInfo, .approved, .paid]
}

/// Why a claim needs the finance coordinator's attention, besides its content. Stored comma-separated.
public enum ExpenseFlag: String, Sendable, Hashable, CaseIterable {
    /// Goes over its budget line's limit.
    case overLine = "over_line"
    /// Goes over the role's total limit.
    case overRole = "over_role"
    /// No receipt: the claimant's written explanation replaces it.
    case noReceipt = "no_receipt"
    /// Claimed after the template's claim deadline.
    case late
    /// The same amount, day, category and description as another claim of the same person: perhaps claimed twice.
    case duplicate

    /// The flags a template's budget rules raise (each warns or blocks, see `ClaimRules`).
    public static let budgetRules: [ExpenseFlag] = [.overLine, .overRole, .noReceipt, .late]
}

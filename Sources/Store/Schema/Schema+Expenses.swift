extension Schema {
    /// Expense claims, receipts, bank details, budget events.
    static let expenses: [Migration] = []
}

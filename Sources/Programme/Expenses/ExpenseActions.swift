extension ActionRegistry {
    /// Expense claims and the finance coordinator's review.
    static let expenseActions: [any FlowAction] = [
        DraftExpense(), ManageExpenses(), AddToClaim(), SaveBankDetails(), ReviewClaims(),
    ]
}

extension ActionRegistry {
    /// Expense claims and the finance coordinator's review; bank details sealed with `key` (nil = the database's).
    static func expenseActions(bankDetailsKey key: BankDetailsKey?) -> [any FlowAction] {
        [DraftExpense(), ManageExpenses(), AddToClaim(), SaveBankDetails(key: key), ReviewClaims()]
    }
}

extension ActionRegistry {
    /// Expense claims and the finance coordinator's review; bank details sealed with `key` (nil = the database's).
    static func expenseActions(bankDetailsKey key: BankDetailsKey?) -> [any FlowAction] {
        [DraftExpense(), AddToClaim(), SaveBankDetails(key: key)]
            + ManageExpenses.Command.allCases.map(ManageExpenses.init)
            + ReviewClaims.Command.allCases.map(ReviewClaims.init)
    }
}

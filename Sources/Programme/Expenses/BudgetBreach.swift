import Engine
import Store

/// A budget rule a claim breaks, with what the template says to do about it.
public struct BudgetBreach: Sendable, Hashable {
    public let flag: ExpenseFlag
    public let severity: RuleSeverity
    /// For the limits: how far over the claim goes.
    public let over: Money?
}

import Engine
import Store

/// What one claim does to its budget line and to the role's total, and which of the template's rules it breaks.
/// Pure: the caller passes what was claimed before.
public struct BudgetCheck: Sendable, Hashable {
    public let line: ProgrammeTemplate.Budget
    /// Left in the line before and after this claim (minor units of the line's currency; negative when over).
    public let lineLeftBefore: Int64
    public let lineLeftAfter: Int64
    /// The role's total limit and what is left of it after this claim.
    public let roleTotal: Money?
    public let roleLeftAfter: Int64?
    public let breaches: [BudgetBreach]

    /// What the claim facts are checked against.
    public struct Claim: Sendable, Hashable {
        public let role: Role
        public let category: String
        /// The amount in the line's currency.
        public let converted: Money
        public let hasReceipt: Bool
        public let expenseDate: CalendarDate

        public init(role: Role, category: String, converted: Money, hasReceipt: Bool, expenseDate: CalendarDate) {
            self.role = role
            self.category = category
            self.converted = converted
            self.hasReceipt = hasReceipt
            self.expenseDate = expenseDate
        }
    }

    /// Checks `claim`; nil when the role has no budget line for its category.
    /// - Parameters:
    ///   - claimed: minor units already claimed per category by this participant in this role (counted claims).
    ///   - today: the day the claim is made; `start`: the programme's start date (for a programme-day deadline).
    public static func evaluate(
        _ claim: Claim, template: ProgrammeTemplate, claimed: [String: Int64], today: CalendarDate,
        start: CalendarDate
    ) -> BudgetCheck? {
        guard let line = template.budgets(for: claim.role).first(where: { $0.category == claim.category }) else {
            return nil
        }
        let rules = template.claimRules
        let currency = line.limit.currency
        let lineBefore = line.limit.minorUnits - (claimed[claim.category] ?? 0)
        let lineAfter = lineBefore - claim.converted.minorUnits
        var breaches: [BudgetBreach] = []
        if lineAfter < 0 {
            breaches.append(
                BudgetBreach(
                    flag: .overLine, severity: rules.lineLimit,
                    over: Money(minorUnits: -lineAfter - max(0, -lineBefore), currency: currency)))
        }
        let total = template.budgetTotal(for: claim.role)
        var roleAfter: Int64?
        if let total {
            let spent = template.budgets(for: claim.role).reduce(0) { $0 + (claimed[$1.category] ?? 0) }
            let before = total.minorUnits - spent
            let after = before - claim.converted.minorUnits
            roleAfter = after
            if after < 0 {
                breaches.append(
                    BudgetBreach(
                        flag: .overRole, severity: rules.roleLimit,
                        over: Money(minorUnits: -after - max(0, -before), currency: total.currency)))
            }
        }
        if !claim.hasReceipt {
            breaches.append(BudgetBreach(flag: .noReceipt, severity: rules.receipt, over: nil))
        }
        if let deadline = rules.deadline {
            let last: CalendarDate
            switch deadline.limit {
            case .daysAfterExpense(let days): last = claim.expenseDate.adding(days: days)
            case .programmeDay(let day): last = start.adding(days: day)
            }
            if today > last { breaches.append(BudgetBreach(flag: .late, severity: deadline.severity, over: nil)) }
        }
        return BudgetCheck(
            line: line, lineLeftBefore: lineBefore, lineLeftAfter: lineAfter, roleTotal: total,
            roleLeftAfter: roleAfter, breaches: breaches)
    }

    /// The breaches that refuse the claim.
    public var blocking: [BudgetBreach] { breaches.filter { $0.severity == .block } }

    /// The flags the claim carries to the coordinator.
    public var flags: Set<ExpenseFlag> { Set(breaches.map(\.flag)) }
}

import Engine
import Store

/// The claim checked while it is being made (the questions `expense.flow` and `expense_lost.flow` mark `checked`):
/// the category list shows only the speaker's budget lines; a category they have no budget for, an amount over what
/// is left (with what is left offered), a receipt already claimed, a claim past a blocking deadline are asked again
/// at once; a claim that looks like one made before is noted.
extension DraftExpense: AnswerChecking {
    /// What the early checks say.
    static let checkTexts = [
        "expenses.again", "expenses.early.over_line", "expenses.early.over_role", "expenses.early.nothing_left",
        "expenses.early.late", "expenses.early.duplicate", "expenses.warn.duplicate",
    ]

    public func options(_ question: String, _ answers: ActionRequest, in context: ActionContext) throws -> [String]? {
        guard question == Self.category.input.name, let membership = context.membership else { return nil }
        let lines = Self.budgetRoles(membership).flatMap(membership.template.budgets(for:)).map(\.category)
        return lines.isEmpty ? nil : lines
    }

    public func check(_ question: String, _ answers: ActionRequest, in context: ActionContext) throws -> AnswerVerdict {
        guard let membership = context.membership else { return .accepted }
        let desk = ExpenseDesk(context)
        switch question {
        case Self.receipt.input.name:
            let files = try answers.answer(Self.receipt) ?? []
            guard let refusal = try ReceiptPolicy.refusal(
                files, claimID: 0, participantID: context.participantID, claims: desk.claims)
            else { return .accepted }
            return .reask(desk.text.say(refusal.key, refusal.arguments), question: question)
        case Self.amount.input.name, Self.category.input.name, Self.date.input.name:
            return try checkBudget(question, answers, membership, desk)
        case Self.description.input.name:
            return try checkTwin(answers, membership, desk)
        default:
            return .accepted
        }
    }

    /// The category, then the amount against what is left (once both are known), then the claim deadline.
    private func checkBudget(_ question: String, _ answers: ActionRequest, _ membership: Membership,
                             _ desk: ExpenseDesk) throws -> AnswerVerdict {
        let category = try answers.answer(Self.category.optional)
        let amount = try answers.answer(Self.amount.optional)
        if let amount, amount.minorUnits <= 0 {
            return .reask(desk.text.say("expenses.amount.zero"), question: Self.amount.input.name)
        }
        guard let category else { return .accepted }
        guard let (role, line) = Self.line(for: category, membership) else {
            return .reask(Self.categoryRefusal(category, membership, desk.text), question: Self.category.input.name)
        }
        guard let amount, let start = CalendarDate(iso: membership.programme.startDate) else { return .accepted }
        let date = try answers.answer(Self.date.optional)
        guard let (converted, _) = try Self.convert(amount, to: line, on: date ?? desk.context.today, membership, desk)
        else {
            // No rate for that currency on that day: the day just given may be wrong, else the amount's currency.
            let text = desk.text.say("expenses.no_rate", ["currency": amount.currency, "budget": line.limit.currency])
            return .reask(text, question: question == Self.date.input.name ? question : Self.amount.input.name)
        }
        let claimed = try desk.claims.claimedTotals(
            participantID: desk.context.participantID, programmeID: membership.programme.id, role: role.rawValue)
        let facts = BudgetCheck.Claim(
            role: role, category: category, converted: converted, hasReceipt: true,
            expenseDate: date ?? desk.context.today)
        guard let check = BudgetCheck.evaluate(
            facts, template: membership.template, claimed: claimed, today: desk.context.today, start: start)
        else { return .accepted }
        if question == Self.date.input.name {
            guard date != nil, let late = check.breaches.first(where: { $0.flag == .late }) else { return .accepted }
            return late.severity == .block
                ? .reask(desk.text.say("expenses.early.late"), question: question)
                : .noted(desk.text.breach(late, category: category))
        }
        return overrun(check, converted: converted, category: category, desk.text)
    }

    /// An amount over a blocking limit is asked again with what is left; over a warning one, it is noted.
    private func overrun(_ check: BudgetCheck, converted: Money, category: String, _ text: ClaimText) -> AnswerVerdict {
        let over = check.breaches.filter { $0.flag == ExpenseFlag.overLine || $0.flag == ExpenseFlag.overRole }
        let blocking = over.filter { $0.severity == RuleSeverity.block }
            .map { breach in (breach: breach, left: left(under: breach, check, converted)) }
            .min { $0.left < $1.left }
        guard let blocking else {
            guard let warning = over.first else { return .accepted }
            return .noted(text.breach(warning, category: category))
        }
        let limit = blocking.breach.flag == .overLine ? check.line.limit : (check.roleTotal ?? check.line.limit)
        let arguments = [
            "category": text.category(category), "limit": text.money(limit),
            "left": text.money(Money(minorUnits: max(0, blocking.left), currency: limit.currency)),
        ]
        let key = blocking.left <= 0
            ? "expenses.early.nothing_left"
            : blocking.breach.flag == .overLine ? "expenses.early.over_line" : "expenses.early.over_role"
        return .reask(text.say(key, arguments), question: Self.amount.input.name)
    }

    /// What was left under the limit `breach` is about, before this claim (minor units).
    private func left(under breach: BudgetBreach, _ check: BudgetCheck, _ converted: Money) -> Int64 {
        breach.flag == .overLine
            ? check.lineLeftBefore : (check.roleLeftAfter ?? check.lineLeftAfter) + converted.minorUnits
    }

    /// The same amount, day, category and description as a claim made before: noted (the claim goes on, flagged).
    private func checkTwin(_ answers: ActionRequest, _ membership: Membership, _ desk: ExpenseDesk) throws
        -> AnswerVerdict
    {
        guard let amount = try answers.answer(Self.amount.optional),
              let category = try answers.answer(Self.category.optional),
              let date = try answers.answer(Self.date.optional),
              let description = try answers.answer(Self.description.optional)
        else { return .accepted }
        guard let twin = try Self.twin(
            amount, category, date, description, programmeID: membership.programme.id, desk)
        else { return .accepted }
        return .noted(desk.text.say("expenses.early.duplicate", ["claim": String(twin.id)]))
    }
}

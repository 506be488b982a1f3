import Engine
import Store

/// `draft_expense` (flows `expense` and `expense_lost`): checks a claim against the role's budget and the
/// template's rules, stores it as a draft, and shows it with what is left in its line — the participant then
/// says "yes" to send it (see `ManageExpenses`). A blocked claim is refused with the reason and not stored.
///
/// Slots: `receipt` (files) or `lost_reason` (text), `amount` (money), `category` (choice), `date`,
/// `description` (text), optional `meeting` (date).
public struct DraftExpense: FlowAction {
    public let name = "draft_expense"

    /// A receipt (flow `expense`) or why there is none (flow `expense_lost`).
    static let receipt = Answer.attachments("receipt").optional
    static let lostReason = Answer.text("lost_reason").optional
    static let amount = Answer.money("amount")
    static let category = Answer.choice("category")
    static let date = Answer.date("date")
    static let description = Answer.text("description")
    static let meeting = Answer.date("meeting").optional

    public var contract: ActionContract {
        ActionContract(
            [Self.receipt, Self.lostReason, Self.amount, Self.category, Self.date, Self.description, Self.meeting],
            texts: [
                "expenses.amount.zero", "expenses.not_enrolled", "expenses.no_budget", "expenses.category.line",
                "expenses.category.refused", "expenses.no_rate", "expenses.refused", "expenses.draft.bank_first",
                "expenses.draft.ask",
            ] + Self.checkTexts + ClaimText.texts + ReceiptPolicy.texts,
            checks: [Self.receipt, Self.amount, Self.category, Self.date, Self.description])
    }

    public init() {}

    public func run(_ request: ActionRequest, in context: ActionContext) throws -> [String] {
        let amount = try request.answer(Self.amount)
        let category = try request.answer(Self.category)
        let date = try request.answer(Self.date)
        let description = try request.answer(Self.description)
        let files = try request.answer(Self.receipt) ?? []
        let lostReason = try request.answer(Self.lostReason)
        let meeting = try request.answer(Self.meeting)
        guard !files.isEmpty || lostReason != nil else {
            throw ActionInputError(action: name, slot: Self.receipt.input.name)
        }

        let desk = ExpenseDesk(context)
        guard amount.minorUnits > 0 else { return [desk.text.say("expenses.amount.zero")] }
        guard let membership = context.membership, let start = CalendarDate(iso: membership.programme.startDate) else {
            return [desk.text.say("expenses.not_enrolled")]
        }
        let template = membership.template
        guard !Self.budgetRoles(membership).isEmpty else { return [desk.text.say("expenses.no_budget")] }
        guard let (role, line) = Self.line(for: category, membership) else {
            return [Self.categoryRefusal(category, membership, desk.text) + "\n" + desk.text.say("expenses.again")]
        }
        let unique = files.reduce(into: [AttachmentRef]()) { kept, file in
            if !kept.contains(where: { $0.id == file.id }) { kept.append(file) }
        }
        if let refusal = try ReceiptPolicy.refusal(
            unique, claimID: 0, participantID: context.participantID, claims: desk.claims)
        {
            return [desk.text.say(refusal.key, refusal.arguments)]
        }

        guard let (converted, rate) = try Self.convert(amount, to: line, on: date, membership, desk) else {
            return [desk.text.say("expenses.no_rate", ["currency": amount.currency, "budget": line.limit.currency])]
        }
        let logEntryID = try meeting.flatMap { day in
            try linkedMeeting(on: day, membership: membership, context: context)
        }
        var claim = ExpenseClaim(
            programmeID: membership.programme.id, participantID: context.participantID, role: role.rawValue,
            category: category, expenseDate: date, description: description, meetingDate: meeting,
            logEntryID: logEntryID, amount: amount, converted: converted,
            ratePerEUR: converted.currency == amount.currency ? nil : rate?.perEUR,
            rateDate: converted.currency == amount.currency ? nil : rate?.date,
            noReceiptReason: unique.isEmpty ? lostReason : nil, flags: [], status: .draft, receipts: unique,
            createdAt: context.now)
        guard let check = try desk.check(claim, role: role, template: template, start: start) else {
            throw ActionInputError(action: name, slot: "category")
        }
        if !check.blocking.isEmpty {
            let reasons = check.blocking.map { desk.text.breach($0, category: category) }
            return [([desk.text.say("expenses.refused")] + reasons + desk.text.budget(check)).joined(separator: "\n")]
        }
        claim.flags = check.flags
        let twin = try Self.twin(amount, category, date, description, programmeID: membership.programme.id, desk)
        if twin != nil { claim.flags.insert(.duplicate) }

        let previous = try desk.draft(programmeID: membership.programme.id)
        claim.id = try desk.claims.insert(
            claim, actorID: context.participantID, sourceMessageID: context.sourceMessageID, now: context.now)
        if var previous {
            previous.status = .dropped
            try desk.claims.update(
                previous, actorID: context.participantID, kind: "dropped",
                detail: ClaimText.replacedBy + String(claim.id), now: context.now)
        }
        var lines = desk.text.summary(claim) + desk.text.budget(check)
        lines += check.breaches.map { desk.text.breach($0, category: category) }
        if let twin { lines.append(desk.text.say("expenses.warn.duplicate", ["claim": String(twin.id)])) }
        if try BankDetailsVault(context.connection, now: context.now).masked(participantID: context.participantID)
            == nil
        {
            lines.append(desk.text.say("expenses.draft.bank_first"))
        } else {
            lines.append(desk.text.say("expenses.draft.ask"))
        }
        return [lines.joined(separator: "\n")]
    }

    // MARK: - Shared with the early checks

    /// The speaker's roles that have budget lines in their programme's template.
    static func budgetRoles(_ membership: Membership) -> [Role] {
        Role.allCases.filter {
            membership.activeRoles.contains($0.rawValue) && !membership.template.budgets(for: $0).isEmpty
        }
    }

    /// The role and budget line a claim for `category` goes against; nil when none of the speaker's roles has one.
    static func line(for category: String, _ membership: Membership) -> (Role, ProgrammeTemplate.Budget)? {
        budgetRoles(membership).lazy.compactMap { role in
            membership.template.budgets(for: role).first { $0.category == category }.map { (role, $0) }
        }.first
    }

    /// "You have no budget for course materials. You can claim: • travel: up to 600,00 EUR".
    static func categoryRefusal(_ category: String, _ membership: Membership, _ text: ClaimText) -> String {
        let offered = budgetRoles(membership).flatMap(membership.template.budgets(for:)).map { line in
            text.say(
                "expenses.category.line", ["category": text.category(line.category), "limit": text.money(line.limit)])
        }
        return text.say(
            "expenses.category.refused",
            ["category": text.category(category), "lines": offered.joined(separator: "\n")])
    }

    /// `amount` in the line's currency (an amount in EUR against a line in another currency is taken as that
    /// currency), with the rate used; nil when no rate is known for that day.
    static func convert(
        _ amount: Money, to line: ProgrammeTemplate.Budget, on date: CalendarDate, _ membership: Membership,
        _ desk: ExpenseDesk
    ) throws -> (Money, ExchangeRate?)? {
        let foreign = amount.currency == "EUR" ? line.limit.currency : amount.currency
        let rate = amount.currency == line.limit.currency
            ? nil
            : try desk.rate(foreign, programmeID: membership.programme.id, template: membership.template, on: date)
        guard let converted = try? CurrencyConverter.convert(amount, to: line.limit.currency, rate: rate) else {
            return nil
        }
        return (converted, rate)
    }

    /// Another live claim of the speaker with the same amount, day, category and description (perhaps the same
    /// expense claimed twice); drafts, dropped and rejected claims do not count.
    static func twin(
        _ amount: Money, _ category: String, _ date: CalendarDate, _ description: String, programmeID: Int64,
        _ desk: ExpenseDesk
    ) throws -> ExpenseClaim? {
        let words = { (text: String) in text.lowercased().split(whereSeparator: \.isWhitespace).joined(separator: " ") }
        return try desk.claims.claims(participantID: desk.context.participantID, programmeID: programmeID).first {
            ![.draft, .dropped, .rejected].contains($0.status) && $0.amount == amount && $0.category == category
                && $0.expenseDate == date && words($0.description) == words(description)
        }
    }

    /// The logged meeting of the participant's pair (or their own log) on that day, if any.
    private func linkedMeeting(on day: CalendarDate, membership: Membership, context: ActionContext) throws -> Int64? {
        let log = LogEntryRepository(context.connection)
        let entries =
            try membership.pairIDs.first.map { try log.entries(pairID: $0) }
            ?? log.entries(participantID: context.participantID)
        return entries.first { $0.date == day }?.id
    }
}

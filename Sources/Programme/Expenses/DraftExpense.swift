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
            ] + ClaimText.texts + ReceiptPolicy.texts)
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
        let roles = Role.allCases.filter {
            membership.activeRoles.contains($0.rawValue) && !template.budgets(for: $0).isEmpty
        }
        guard !roles.isEmpty else { return [desk.text.say("expenses.no_budget")] }
        let candidates = roles.compactMap { role in
            template.budgets(for: role).first { $0.category == category }.map { (role: role, line: $0) }
        }
        guard let (role, line) = candidates.first else {
            let offered = roles.flatMap(template.budgets(for:)).map { line in
                desk.text.say(
                    "expenses.category.line",
                    [
                        "category": desk.text.category(line.category), "limit": line.limit.description,
                    ])
            }
            return [
                desk.text.say(
                    "expenses.category.refused",
                    [
                        "category": desk.text.category(category), "lines": offered.joined(separator: "\n"),
                    ])
            ]
        }
        let unique = files.reduce(into: [AttachmentRef]()) { kept, file in
            if !kept.contains(where: { $0.id == file.id }) { kept.append(file) }
        }
        if let refusal = try ReceiptPolicy.refusal(
            unique, claimID: 0, participantID: context.participantID, claims: desk.claims)
        {
            return [desk.text.say(refusal.key, refusal.arguments)]
        }

        let foreign = amount.currency == "EUR" ? line.limit.currency : amount.currency
        let rate =
            amount.currency == line.limit.currency
            ? nil : try desk.rate(foreign, programmeID: membership.programme.id, template: template, on: date)
        let converted: Money
        do {
            converted = try CurrencyConverter.convert(amount, to: line.limit.currency, rate: rate)
        } catch {
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

        let previous = try desk.draft(programmeID: membership.programme.id)
        claim.id = try desk.claims.insert(
            claim, actorID: context.participantID, sourceMessageID: context.sourceMessageID, now: context.now)
        if var previous {
            previous.status = .dropped
            try desk.claims.update(
                previous, actorID: context.participantID, kind: "dropped",
                detail: "replaced by draft \(claim.id)", now: context.now)
        }
        var lines = desk.text.summary(claim) + desk.text.budget(check)
        lines += check.breaches.map { desk.text.breach($0, category: category) }
        if try BankDetailsVault(context.connection, now: context.now).masked(participantID: context.participantID)
            == nil
        {
            lines.append(desk.text.say("expenses.draft.bank_first"))
        } else {
            lines.append(desk.text.say("expenses.draft.ask"))
        }
        return [lines.joined(separator: "\n")]
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

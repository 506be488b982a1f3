import Engine
import Store

/// A participant's own claims, one action per command (each its own flow): "my expenses" (`list_expenses`) lists
/// the speaker's claims with their status and what is left per budget line; "yes" (`send_expense_claim`) sends the
/// waiting draft to the finance coordinator (who is notified); "no" (`drop_expense_draft`) drops it.
public struct ManageExpenses: FlowAction {
    /// What the participant asked for.
    public enum Command: String, Sendable, CaseIterable {
        case list = "list_expenses", send = "send_expense_claim", drop = "drop_expense_draft"
    }

    public let command: Command
    public var name: String { command.rawValue }

    public var contract: ActionContract {
        ActionContract(texts: [
            "expenses.not_enrolled", "expenses.no_draft", "expenses.bank_needed", "expenses.no_budget",
            "expenses.refused", "expenses.notice.new", "expenses.list.flags", "expenses.sent",
            "expenses.no_coordinator",
            "expenses.dropped", "expenses.list.empty", "expenses.list.header", "expenses.left.header",
            "expenses.left.line",
        ] + ClaimText.texts + Role.textKeys)
    }

    public init(_ command: Command) { self.command = command }

    public func run(_ request: ActionRequest, in context: ActionContext) throws -> [String] {
        let desk = ExpenseDesk(context)
        guard let membership = context.membership, let start = CalendarDate(iso: membership.programme.startDate) else {
            return [desk.text.say("expenses.not_enrolled")]
        }
        switch command {
        case .send: return try send(desk, membership, start)
        case .drop: return try drop(desk, membership)
        case .list: return try list(desk, membership)
        }
    }

    private func send(_ desk: ExpenseDesk, _ membership: Membership, _ start: CalendarDate) throws -> [String] {
        let context = desk.context
        guard var claim = try desk.draft(programmeID: membership.programme.id) else {
            return [desk.text.say("expenses.no_draft")]
        }
        guard
            try BankDetailsVault(context.connection, now: context.now).masked(participantID: context.participantID)
                != nil
        else { return [desk.text.say("expenses.bank_needed", ["claim": String(claim.id)])] }
        guard let role = Role(rawValue: claim.role),
            let check = try desk.check(claim, role: role, template: membership.template, start: start)
        else {
            return [desk.text.say("expenses.no_budget")]
        }
        if !check.blocking.isEmpty {
            let reasons = check.blocking.map { desk.text.breach($0, category: claim.category) }
            return [([desk.text.say("expenses.refused")] + reasons).joined(separator: "\n")]
        }
        claim.flags = check.flags.union(claim.flags.intersection([.duplicate]))
        claim.status = .submitted
        try desk.claims.update(
            claim, actorID: context.participantID, kind: "submitted",
            detail: claim.flags.map(\.rawValue).sorted().joined(separator: ","), now: context.now)
        let who = try desk.name(of: context.participantID)
        let sent = claim
        let reached = try desk.notifyCoordinators(programmeID: claim.programmeID, "expenses.notice.new") { text in
            [
                "claim": String(sent.id), "name": who, "role": text.say("role.\(sent.role)"),
                "amount": text.money(sent.converted), "category": text.category(sent.category),
                "flags": sent.flags.isEmpty ? "" : text.say("expenses.list.flags", ["flags": text.flags(sent.flags)]),
            ]
        }
        var lines = [
            desk.text.say("expenses.sent", ["claim": String(claim.id), "amount": desk.text.money(claim.converted)])
        ]
        lines += desk.text.budget(check)
        if reached == 0 { lines.append(desk.text.say("expenses.no_coordinator")) }
        return [lines.joined(separator: "\n")]
    }

    private func drop(_ desk: ExpenseDesk, _ membership: Membership) throws -> [String] {
        guard var claim = try desk.draft(programmeID: membership.programme.id) else {
            return [desk.text.say("expenses.no_draft")]
        }
        claim.status = .dropped
        try desk.claims.update(
            claim, actorID: desk.context.participantID, kind: "dropped", detail: "",
            now: desk.context.now)
        return [desk.text.say("expenses.dropped", ["claim": String(claim.id)])]
    }

    private func list(_ desk: ExpenseDesk, _ membership: Membership) throws -> [String] {
        let context = desk.context
        let mine = try desk.claims.claims(participantID: context.participantID, programmeID: membership.programme.id)
            .filter { $0.status != .dropped }
        let template = membership.template
        let roles = Role.allCases.filter {
            membership.roles.contains($0.rawValue) && !template.budgets(for: $0).isEmpty
        }
        guard !mine.isEmpty || !roles.isEmpty else { return [desk.text.say("expenses.no_budget")] }
        var lines = [
            mine.isEmpty
                ? desk.text.say("expenses.list.empty")
                : desk.text.say("expenses.list.header", ["count": String(mine.count)])
        ]
        lines += mine.map { desk.text.listLine($0) }
        for role in roles {
            let claimed = try desk.claims.claimedTotals(
                participantID: context.participantID, programmeID: membership.programme.id, role: role.rawValue)
            lines.append(desk.text.say("expenses.left.header"))
            for line in template.budgets(for: role) {
                let left = line.limit.minorUnits - (claimed[line.category] ?? 0)
                lines.append(
                    desk.text.say(
                        "expenses.left.line",
                        [
                            "category": desk.text.category(line.category), "limit": desk.text.money(line.limit),
                            "left": desk.text.money(Money(minorUnits: left, currency: line.limit.currency)),
                        ]))
            }
        }
        return [lines.joined(separator: "\n")]
    }
}

import Engine
import Store

/// `review_claims` (flow `claims`): the finance coordinator's desk, by message — `claims` (pending ones),
/// `claim 12` (one, with its receipts and history), `approve 12`, `reject 12 REASON`, `ask 12 WHAT` (for a
/// missing item), `paid 12`, and `rate BGN 1.95583 [YYYY-MM-DD]`. Each change notifies the claimant in their
/// language. A facilitator may list and see the claims of their cohort, read-only.
public struct ReviewClaims: FlowAction {
    public let name = "review_claims"

    public var contract: ActionContract {
        ActionContract(texts: [
            "expenses.review.which", "expenses.review.unknown", "expenses.review.read_only", "expenses.review.empty",
            "expenses.review.header", "expenses.review.claimant", "expenses.review.file", "expenses.review.bank",
            "expenses.review.no_bank", "expenses.review.history", "expenses.review.commands",
            "expenses.notice.approved", "expenses.review.reason_needed", "expenses.notice.rejected",
            "expenses.review.what_needed", "expenses.notice.asked", "expenses.notice.paid", "expenses.no_iban",
            "expenses.review.done", "expenses.review.done_unreached", "expenses.review.wrong_status",
            "expenses.rate.usage", "expenses.rate.set",
        ] + ClaimText.texts + Role.textKeys)
    }

    public init() {}

    public func run(_ request: ActionRequest, in context: ActionContext) throws -> [String] {
        let desk = ExpenseDesk(context)
        let programmes = ProgrammeRepository(context.connection)
        let access = ClaimAccess(
            viewerID: context.participantID,
            viewer: try programmes.enrolments(participantID: context.participantID))
        let source = try ExpenseCommand.sourceText(messageID: context.sourceMessageID, connection: context.connection)
        let command = ExpenseCommand(
            source, among: [.claims, .show, .approve, .reject, .paid, .ask, .rate],
            localizer: context.localizer, language: context.language)
        switch command.verb {
        case nil, .claims?: return [try list(desk, access)]
        case .rate?: return [try setRate(command, desk, access)]
        default: break
        }
        guard let id = command.claimID else { return [desk.text.say("expenses.review.which")] }
        guard let claim = try desk.claims.claim(id: id), claim.status != .draft, claim.status != .dropped,
            access.canView(claim, claimant: try programmes.enrolments(participantID: claim.participantID))
        else { return [desk.text.say("expenses.review.unknown", ["claim": String(id)])] }
        if command.verb == .show { return [try show(claim, desk, access)] }
        guard access.canDecide(claim) else { return [desk.text.say("expenses.review.read_only")] }
        return [try decide(claim, command, desk)]
    }

    // MARK: - Reading

    private func list(_ desk: ExpenseDesk, _ access: ClaimAccess) throws -> String {
        let programmes = Set(access.viewer.map(\.programme.id))
        var visible: [ExpenseClaim] = []
        for programmeID in programmes.sorted() {
            let pending = try desk.claims.claims(
                programmeID: programmeID, statuses: [.submitted, .needsInfo, .approved])
            for claim in pending
            where try access.canView(
                claim,
                claimant: ProgrammeRepository(desk.context.connection).enrolments(participantID: claim.participantID))
            {
                visible.append(claim)
            }
        }
        guard !visible.isEmpty else { return desk.text.say("expenses.review.empty") }
        let lines = try visible.map { desk.text.listLine($0, who: try desk.name(of: $0.participantID)) }
        return ([desk.text.say("expenses.review.header", ["count": String(visible.count)])] + lines)
            .joined(separator: "\n")
    }

    private func show(_ claim: ExpenseClaim, _ desk: ExpenseDesk, _ access: ClaimAccess) throws -> String {
        let text = desk.text
        var lines = text.summary(claim)
        lines.insert(
            text.say(
                "expenses.review.claimant",
                [
                    "name": try desk.name(of: claim.participantID), "role": text.say("role.\(claim.role)"),
                ]), at: 1)
        for file in claim.receipts {
            lines.append(
                text.say(
                    "expenses.review.file",
                    [
                        "file": file.filename, "type": file.mediaType, "size": String(file.size),
                        "hash": String(file.id.prefix(12)),
                    ]))
        }
        if access.canDecide(claim) {
            let vault = BankDetailsVault(desk.context.connection, now: desk.context.now)
            let iban = try vault.masked(participantID: claim.participantID)
            lines.append(
                iban.map { text.say("expenses.review.bank", ["iban": $0]) } ?? text.say("expenses.review.no_bank"))
        }
        lines.append(text.say("expenses.review.history"))
        for event in try desk.claims.events(claimID: claim.id) {
            let who = try event.actorID.map { try desk.name(of: $0) } ?? "Tandem"
            let day = CalendarDate(daysSinceEpoch: Int(event.createdAt / 86_400_000)).iso
            lines.append("• \(day) · \(event.kind) · \(who)" + (event.detail.isEmpty ? "" : " · \(event.detail)"))
        }
        if access.canDecide(claim) { lines.append(text.say("expenses.review.commands", ["claim": String(claim.id)])) }
        return lines.joined(separator: "\n")
    }

    // MARK: - Deciding

    private func decide(_ original: ExpenseClaim, _ command: ExpenseCommand, _ desk: ExpenseDesk) throws -> String {
        let context = desk.context
        var claim = original
        let number = String(claim.id)
        let key: String
        let arguments: (ClaimText) -> [String: String]
        switch command.verb {
        case .approve?:
            guard [.submitted, .needsInfo].contains(claim.status) else { return refuse(claim, desk) }
            claim.status = .approved
            key = "expenses.notice.approved"
            arguments = {
                ["claim": number, "amount": original.converted.description, "category": $0.category(original.category)]
            }
        case .reject?:
            guard [.submitted, .needsInfo, .approved].contains(claim.status) else { return refuse(claim, desk) }
            guard !command.rest.isEmpty else {
                return desk.text.say("expenses.review.reason_needed", ["claim": number])
            }
            claim.status = .rejected
            key = "expenses.notice.rejected"
            arguments = { _ in ["claim": number, "reason": command.rest] }
        case .ask?:
            guard [.submitted, .needsInfo].contains(claim.status) else { return refuse(claim, desk) }
            guard !command.rest.isEmpty else { return desk.text.say("expenses.review.what_needed", ["claim": number]) }
            claim.status = .needsInfo
            key = "expenses.notice.asked"
            arguments = { _ in ["claim": number, "note": command.rest] }
        default:
            guard claim.status == .approved else { return refuse(claim, desk) }
            claim.status = .paid
            let iban = try BankDetailsVault(context.connection, now: context.now).masked(
                participantID: claim.participantID)
            key = "expenses.notice.paid"
            arguments = {
                ["claim": number, "amount": original.converted.description, "iban": iban ?? $0.say("expenses.no_iban")]
            }
        }
        let kind = claim.status == .needsInfo ? "info_requested" : claim.status.rawValue
        try desk.claims.update(
            claim, actorID: context.participantID, kind: kind, detail: command.rest,
            decided: claim.status == .approved || claim.status == .rejected, now: context.now)
        let reached = try desk.notify(claim.participantID, key, arguments)
        return desk.text.say(
            reached ? "expenses.review.done" : "expenses.review.done_unreached",
            [
                "claim": number, "status": desk.text.status(claim.status),
            ])
    }

    private func refuse(_ claim: ExpenseClaim, _ desk: ExpenseDesk) -> String {
        desk.text.say(
            "expenses.review.wrong_status", ["claim": String(claim.id), "status": desk.text.status(claim.status)])
    }

    /// `rate BGN 1.95583 [YYYY-MM-DD]`, for the programme the speaker is finance coordinator of.
    private func setRate(_ command: ExpenseCommand, _ desk: ExpenseDesk, _ access: ClaimAccess) throws -> String {
        let context = desk.context
        guard let programme = access.viewer.first(where: { $0.role == Role.finance.rawValue })?.programme else {
            return desk.text.say("expenses.review.read_only")
        }
        let words = command.rest.split(separator: " ").map(String.init)
        let date = words.count == 3 ? CalendarDate(iso: words[2]) : context.today
        guard (2...3).contains(words.count), let date,
            let rate = ExchangeRate(currency: words[0].uppercased(), perEUR: words[1], date: date)
        else {
            return desk.text.say("expenses.rate.usage")
        }
        try ExpenseRateRepository(context.connection).add(
            programmeID: programme.id,
            ExpenseRateRecord(
                currency: rate.currency, perEUR: rate.perEUR, date: rate.date.iso,
                setBy: try desk.name(of: context.participantID)), now: context.now)
        return desk.text.say(
            "expenses.rate.set",
            [
                "currency": rate.currency, "rate": rate.perEUR, "date": rate.date.iso, "programme": programme.name,
            ])
    }
}

import Engine
import Store

/// The finance coordinator's desk, one action per command (each its own flow, which reads the command's words):
/// `claims` (those waiting for a decision, and the approved ones waiting to be paid), `claim 12` (one, with its
/// history; its receipt files come with the reply), `approve 12`, `reject 12 REASON`, `ask 12 WHAT` (for a missing
/// item: the claimant's conversation then waits for the answer, see `answer_claim.flow`), `paid 12`, and
/// `rate BGN 1.95583 [DATE]`. Each change notifies the claimant in their language. A facilitator may list and see
/// the claims of their cohort, read-only.
public struct ReviewClaims: FlowAction {
    /// What the finance coordinator asked for.
    public enum Command: String, Sendable, CaseIterable {
        case list = "review_claims", show = "show_claim", approve = "approve_claim", reject = "reject_claim"
        case ask = "request_claim_info", paid = "mark_claim_paid", rate = "set_exchange_rate"
    }

    public let command: Command
    public var name: String { command.rawValue }

    static let claim = Answer.integer("claim")
    static let reason = Answer.text("reason")
    static let need = Answer.text("need")
    static let currency = Answer.text("currency")
    static let rate = Answer.text("rate")
    static let date = Answer.date("date").optional

    public var contract: ActionContract {
        let inputs: [any AnswerDeclaring] = switch command {
        case .list: []
        case .show, .approve, .paid: [Self.claim]
        case .reject: [Self.claim, Self.reason]
        case .ask: [Self.claim, Self.need]
        case .rate: [Self.currency, Self.rate, Self.date]
        }
        return ActionContract(inputs, texts: [
            "expenses.review.unknown", "expenses.review.read_only", "expenses.review.empty", "expenses.review.header",
            "expenses.review.claimant", "expenses.review.file", "expenses.review.bank", "expenses.review.no_bank",
            "expenses.review.history", "expenses.review.commands", "expenses.notice.approved",
            "expenses.notice.rejected", "expenses.notice.asked", "expenses.notice.asked_open", "expenses.notice.paid",
            "expenses.no_iban", "expenses.review.done", "expenses.review.done_unreached",
            "expenses.review.wrong_status",
            "expenses.review.already", "expenses.review.to_pay", "expenses.review.files_attached",
            "expenses.rate.usage", "expenses.rate.set",
        ] + Self.decided.map { "expenses.decided.\($0.rawValue)" } + ClaimText.texts + ClaimText.eventTexts
            + Role.textKeys)
    }

    /// The statuses a decision leaves a claim in, each said with its own verb (`expenses.decided.STATUS`).
    static let decided: [ExpenseStatus] = [.approved, .rejected, .needsInfo, .paid]
    /// The flow the claimant's conversation opens on `ask 12 …`, with the claim number answered.
    static let answerFlow = "answer_claim"

    public init(_ command: Command) { self.command = command }

    public func run(_ request: ActionRequest, in context: ActionContext) throws -> [String] {
        let desk = ExpenseDesk(context)
        let programmes = ProgrammeRepository(context.connection)
        let access = ClaimAccess(
            viewerID: context.participantID,
            viewer: try programmes.enrolments(participantID: context.participantID))
        switch command {
        case .list: return [try list(desk, access)]
        case .rate: return [try setRate(request, desk, access)]
        default: break
        }
        let id = Int64(try request.answer(Self.claim))
        guard let claim = try desk.claims.claim(id: id), claim.status != .draft, claim.status != .dropped,
            access.canView(claim, claimant: try programmes.enrolments(participantID: claim.participantID))
        else { return [desk.text.say("expenses.review.unknown", ["claim": String(id)])] }
        if command == .show { return try show(claim, desk, access) }
        guard access.canDecide(claim) else { return [desk.text.say("expenses.review.read_only")] }
        return [try decide(claim, request, desk)]
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
        let waiting = visible.filter { $0.status != .approved }
        let toPay = visible.filter { $0.status == .approved }.map { String($0.id) }
        var lines = [
            waiting.isEmpty
                ? desk.text.say("expenses.review.empty")
                : desk.text.say("expenses.review.header", ["count": String(waiting.count)])
        ]
        lines += try waiting.map { desk.text.listLine($0, who: try desk.name(of: $0.participantID)) }
        if !toPay.isEmpty {
            lines.append(desk.text.say("expenses.review.to_pay", [
                "count": String(toPay.count), "claims": toPay.joined(separator: ", "), "claim": toPay[0],
            ]))
        }
        return lines.joined(separator: "\n")
    }

    /// The claim in full; its receipt files come with the reply (then queued here, and nothing is returned).
    private func show(_ claim: ExpenseClaim, _ desk: ExpenseDesk, _ access: ClaimAccess) throws -> [String] {
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
            lines.append(text.event(event, day: day, who: who))
        }
        if access.canDecide(claim) { lines.append(text.say("expenses.review.commands", ["claim": String(claim.id)])) }
        let files = try claim.receipts.compactMap { file in
            try AttachmentRepository(desk.context.connection).bytes(sha256: file.id).map { bytes in
                OutboxFile(filename: file.filename, mediaType: file.mediaType, bytes: bytes)
            }
        }
        guard !files.isEmpty else { return [lines.joined(separator: "\n")] }
        lines.append(text.say("expenses.review.files_attached", ["count": String(files.count)]))
        let shown = lines.joined(separator: "\n")
        return try desk.context.reply(shown, attachments: files) ? [] : [shown]
    }

    // MARK: - Deciding

    private func decide(_ original: ExpenseClaim, _ request: ActionRequest, _ desk: ExpenseDesk) throws -> String {
        let context = desk.context
        var claim = original
        let number = String(claim.id)
        let key: String
        let arguments: (ClaimText) -> [String: String]
        var detail = ""
        switch command {
        case .approve:
            guard [.submitted, .needsInfo].contains(claim.status) else { return refuse(claim, .approved, desk) }
            claim.status = .approved
            key = "expenses.notice.approved"
            arguments = {
                ["claim": number, "amount": $0.money(original.converted), "category": $0.category(original.category)]
            }
        case .reject:
            guard [.submitted, .needsInfo, .approved].contains(claim.status) else {
                return refuse(claim, .rejected, desk)
            }
            detail = try request.answer(Self.reason)
            claim.status = .rejected
            key = "expenses.notice.rejected"
            arguments = { [detail] _ in ["claim": number, "reason": detail] }
        case .ask:
            guard [.submitted, .needsInfo].contains(claim.status) else { return refuse(claim, .needsInfo, desk) }
            detail = try request.answer(Self.need)
            claim.status = .needsInfo
            key = "expenses.notice.asked"
            arguments = { [detail] _ in ["claim": number, "note": detail] }
        default:
            guard claim.status == .approved else { return refuse(claim, .paid, desk) }
            claim.status = .paid
            let iban = try BankDetailsVault(context.connection, now: context.now).masked(
                participantID: claim.participantID)
            key = "expenses.notice.paid"
            arguments = {
                ["claim": number, "amount": $0.money(original.converted), "iban": iban ?? $0.say("expenses.no_iban")]
            }
        }
        let kind = claim.status == .needsInfo ? "info_requested" : claim.status.rawValue
        try desk.claims.update(
            claim, actorID: context.participantID, kind: kind, detail: detail,
            decided: claim.status == .approved || claim.status == .rejected, now: context.now)
        let reached = try (command == .ask ? openAnswer(claim, need: detail, desk) : false)
            || desk.notify(claim.participantID, key, arguments)
        return desk.text.say(
            reached ? "expenses.review.done" : "expenses.review.done_unreached",
            ["decision": desk.text.say("expenses.decided.\(claim.status.rawValue)", ["claim": number])])
    }

    /// A claim already in `target` ("approve 12" twice), or in a status from which it cannot go there.
    private func refuse(_ claim: ExpenseClaim, _ target: ExpenseStatus, _ desk: ExpenseDesk) -> String {
        desk.text.say(
            claim.status == target ? "expenses.review.already" : "expenses.review.wrong_status",
            ["claim": String(claim.id), "status": desk.text.status(claim.status)])
    }

    /// Opens `answer_claim` in the claimant's conversation (unless they are in the middle of something else), with
    /// what the coordinator needs: their next message answers it. False when it could not be opened.
    private func openAnswer(_ claim: ExpenseClaim, need: String, _ desk: ExpenseDesk) throws -> Bool {
        let context = desk.context
        guard let opener = context.opener,
              let place = try BroadcastAddressBook(context.connection).place(of: claim.participantID),
              let channel = place.channel, let address = place.address,
              let conversation = try opener.idleConversation(
                  participantID: claim.participantID, channel: channel, address: address, now: context.now,
                  context.connection)
        else { return false }
        let voice = try context.voice(ofParticipant: claim.participantID)
        let intro = context.localizer.text(
            "expenses.notice.asked_open", voice, ["claim": String(claim.id), "note": need])
        return try opener.open(
            Self.answerFlow, prefilled: ["claim": .integer(Int(claim.id))], in: conversation,
            language: voice, today: context.today, intro: intro, now: context.now, context.connection)
            != nil
    }

    /// `rate BGN 1.95583 [DATE]`, for the programme the speaker is finance coordinator of.
    private func setRate(_ request: ActionRequest, _ desk: ExpenseDesk, _ access: ClaimAccess) throws -> String {
        let context = desk.context
        guard let programme = access.viewer.first(where: { $0.role == Role.finance.rawValue })?.programme else {
            return desk.text.say("expenses.review.read_only")
        }
        guard let rate = ExchangeRate(
            currency: try request.answer(Self.currency).uppercased(), perEUR: try request.answer(Self.rate),
            date: try request.answer(Self.date) ?? context.today)
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
                "currency": rate.currency, "rate": context.localizer.decimal(rate.perEUR, context.language),
                "date": rate.date.iso, "programme": programme.name,
            ])
    }
}

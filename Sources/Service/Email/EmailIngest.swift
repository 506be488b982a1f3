import Channels
import Crypto
import Engine
import Foundation
import Store

/// Stores one received email and runs it through the pipeline, all in one SQLite transaction; the webhook answers
/// only after it commits.
///
/// Mail that must never be answered (unparseable, automated — auto-replies, bounces, mailing lists — or sent by
/// Tandem itself, or without a sender) is recorded with the reason and not processed. Each Message-ID is stored
/// once, so a redelivery changes nothing. Only the new text of a reply counts (`ReplyText`); it may answer
/// several questions (`EmailAnswers`), and every reply the engine gives to one email leaves as one email,
/// threaded under it, with a form of the questions still open.
public struct EmailIngest: Sendable {
    public let pipeline: Pipeline
    /// Tandem's own address; nil when `email.from` is not set (Message-IDs then use `tandem.invalid`).
    public let identity: EmailIdentity?
    /// When the mail server's `Authentication-Results` make From believable.
    public let senderPolicy: EmailSenderPolicy
    /// The key of reply addresses (`email.reply_key`); nil: the database's own, generated once.
    public let replyKey: ReplyKey?

    /// What happened to one email.
    public enum Outcome: Sendable, Equatable {
        /// Stored and processed as `messages` engine messages; the answer is in the outbox.
        case processed(messages: Int)
        /// Stored, but deliberately not processed (and never answered).
        case ignored(reason: String)
        /// This Message-ID was stored before: nothing changed.
        case duplicate
    }

    public init(
        pipeline: Pipeline, identity: EmailIdentity?, senderPolicy: EmailSenderPolicy = .init(),
        replyKey: ReplyKey? = nil
    ) {
        self.pipeline = pipeline
        self.identity = identity
        self.senderPolicy = senderPolicy
        self.replyKey = replyKey
    }

    /// Stores and processes the raw message `raw`.
    /// - Throws: only storage errors; nothing was stored then, so the sender should retry.
    @discardableResult
    public func ingest(raw: [UInt8]) throws -> Outcome {
        let now = pipeline.clock.now()
        let message: MIMEMessage
        do {
            message = try MIMEParser.parse(raw)
        } catch {
            return try refuseUnreadable(raw, error: error, now: now)
        }
        let messageID = String((message.messageID ?? "sha256:" + SHA256.hex(raw)).prefix(500))
        let sender = message.from?.address.trimmingCharacters(in: .whitespaces).lowercased() ?? ""
        if let reason = refusal(message, sender: sender) {
            let failedTags = message.isDeliveryFailure
                ? recipients(of: message).compactMap { identity?.tag(in: $0) } : []
            return try ignore(messageID, sender: sender, reason: reason, bounceTags: failedTags, now: now)
        }
        var text = ReplyText.newText(of: message.textBody)
        if text.isEmpty, message.inReplyTo == nil, let subject = message.subject {
            text = subject.trimmingCharacters(in: .whitespaces)  // everything said in the subject line
        }
        let files = Self.attachments(of: message)
        guard !text.isEmpty || !files.isEmpty else {
            return try ignore(messageID, sender: sender, reason: "no new text and no attachment", now: now)
        }
        let email = IncomingEmail(
            messageID: messageID, sender: sender, subject: message.subject ?? "", text: text, files: files,
            parents: [message.inReplyTo].compactMap { $0 } + message.references.reversed(),
            references: message.references.isEmpty ? [message.inReplyTo].compactMap { $0 } : message.references,
            tags: recipients(of: message).compactMap { identity?.tag(in: $0) },
            hasMessageID: message.messageID != nil,
            verdict: senderPolicy.verdict(message.authenticationResults, fromDomain: Self.domain(of: sender)))
        return try pipeline.database.write { connection in try process(email, in: connection, now: now) }
    }

    // MARK: - Refusals

    /// Why `message` must not be processed, or nil.
    private func refusal(_ message: MIMEMessage, sender: String) -> String? {
        if let reason = message.automationReason { return "automated: \(reason)" }
        guard sender.contains("@"), !sender.contains(where: { $0.isWhitespace }) else { return "no sender address" }
        if let identity, identity.isOwn(sender) { return "sent by Tandem itself" }
        return nil
    }

    /// Records `messageID` as not processed. A delivery failure that came back to the reply address (`bounceTags`)
    /// of a mail Tandem sent counts as a bounce of that mail's recipient.
    private func ignore(_ messageID: String, sender: String, reason: String, bounceTags: [String] = [], now: Int64)
        throws -> Outcome
    {
        let stored = try pipeline.database.write { connection in
            let repository = EmailRepository(connection)
            guard try repository.recordInbound(
                messageID: messageID, sender: sender, outcome: .ignored, reason: reason, now: now) else { return false }
            let key = try replyKey ?? ReplyKey.stored(in: connection, now: now)
            for tag in bounceTags {
                guard let mail = try repository.outgoing(tag: tag),
                      key.isValid(tag, address: mail.address, messageID: mail.messageID) else { continue }
                let count = try repository.recordBounce(address: mail.address, reason: "delivery report", now: now)
                Log.info("email bounce recorded bounces=\(count)")
                break
            }
            return true
        }
        guard stored else { return .duplicate }
        Log.info("email ignored message_id=\(messageID.debugDescription) reason=\(reason.debugDescription)")
        return .ignored(reason: reason)
    }

    /// A message too large or too complex to read: recorded as ignored, and a participant who sent it is told
    /// (once per Message-ID) to send a smaller one — nobody else is answered.
    private func refuseUnreadable(_ raw: [UInt8], error: MIMEError, now: Int64) throws -> Outcome {
        let head = MIMEUnreadable(raw: raw)
        let messageID = String((head.messageID ?? "sha256:" + SHA256.hex(raw)).prefix(500))
        let sender = head.from?.address.trimmingCharacters(in: .whitespaces).lowercased() ?? ""
        let reason = "unparseable: \(error)"
        let told = try pipeline.database.write { connection -> Bool? in
            guard try EmailRepository(connection).recordInbound(
                messageID: messageID, sender: sender, outcome: .ignored, reason: reason, now: now) else { return nil }
            guard error != .empty, !(identity?.isOwn(sender) ?? false),
                  let participant = try participant(sender, connection) else { return false }
            let text = pipeline.engine.catalog.localizer.text("email.unreadable", participant.language, [
                "subject": head.subject ?? "", "limit": String(EmailWebhook.maxMessageBytes >> 20),
            ])
            try OutboxRepository(connection).enqueue(
                conversationID: nil, channel: .email, address: sender, body: text, now: now)
            return true
        }
        guard let told else { return .duplicate }
        Log.info("email ignored message_id=\(messageID.debugDescription) reason=\(reason.debugDescription) "
            + "told=\(told)")
        return .ignored(reason: reason)
    }

    // MARK: - Processing

    /// What the ingest uses of one email.
    private struct IncomingEmail {
        let messageID: String
        let sender: String
        let subject: String
        let text: String
        let files: [(attachment: AttachmentRef, bytes: [UInt8])]
        /// Ids that may be Tandem's own mail this answers, most likely first.
        let parents: [String]
        /// The thread so far, oldest first.
        let references: [String]
        /// `+tags` of Tandem's address among the recipients.
        let tags: [String]
        let hasMessageID: Bool
        /// What the trusted mail server found about the sender.
        let verdict: EmailSenderPolicy.Verdict
    }

    private func process(_ email: IncomingEmail, in connection: Connection, now: Int64) throws -> Outcome {
        let repository = EmailRepository(connection)
        let key = try replyKey ?? ReplyKey.stored(in: connection, now: now)
        let token = try email.tags.first { tag in
            guard let mail = try repository.outgoing(tag: tag), mail.address == email.sender else { return false }
            return key.isValid(tag, address: email.sender, messageID: mail.messageID)
        }
        let verified = token != nil || email.verdict.believed != nil
        let known = try participant(email.sender, connection) != nil
        // A DMARC failure is refused outright; a stranger the mail server marked failing SPF or DMARC gets nothing.
        if !verified, let failure = email.verdict.failed, email.verdict.refused || !known {
            let reason = "sender not authenticated: \(failure) at \(senderPolicy.trustedAuthservID)"
            guard try repository.recordInbound(
                messageID: email.messageID, sender: email.sender, outcome: .ignored, reason: reason, now: now)
            else { return .duplicate }
            Log.info("email ignored message_id=\(email.messageID.debugDescription) reason=\(reason.debugDescription)")
            return .ignored(reason: reason)
        }
        guard try repository.recordInbound(
            messageID: email.messageID, sender: email.sender, outcome: .processed, reason: nil, now: now)
        else { return .duplicate }
        // Mail from the address shows it works again, unless anyone could have sent it in that name: a forged
        // From would otherwise have Tandem mail an address that keeps bouncing.
        if known, verified { try repository.clearBounces(address: email.sender) }
        var thread = try repository.outgoing(messageIDs: email.parents)
        if thread == nil {
            for tag in email.tags where thread == nil { thread = try repository.outgoing(tag: tag) }
        }
        if let thread, thread.address != email.sender {
            Log.info("email message_id=\(email.messageID.debugDescription) answers mail sent to another address")
        }
        let files = try pipeline.mayKeepFiles(channel: .email, sender: email.sender, connection, now: now)
            ? email.files : []
        for file in files {
            try AttachmentRepository(connection).store(
                sha256: file.attachment.id, filename: file.attachment.filename,
                mediaType: file.attachment.mediaType, bytes: file.bytes, now: now)
        }
        let before = try repository.lastOutboxID()
        let heldBefore = try HeldActionRepository(connection).lastID()
        let steps = try converse(
            email, attachments: files.map(\.attachment), isReply: thread != nil || !email.parents.isEmpty,
            verified: verified, confirmation: token, in: connection, now: now)
        let answer = try mergeReplies(to: email, thread: thread, after: before, key: key, in: connection, now: now)
        if let answer { try bindHeldActions(of: email.sender, after: heldBefore, to: answer, in: connection) }
        return .processed(messages: steps)
    }

    /// Feeds the email to the pipeline as one or more messages; returns how many were processed.
    /// `attachments`: the files stored for it; `verified`: a reply token or the trusted server vouched for the
    /// sender; `confirmation`: the valid reply token, which may confirm a held action (only the first message of the
    /// email may).
    private func converse(
        _ email: IncomingEmail, attachments: [AttachmentRef], isReply: Bool, verified: Bool,
        confirmation: String?, in connection: Connection, now: Int64
    ) throws -> Int {
        let catalog = pipeline.engine.catalog
        let language = try participant(email.sender, connection)?.language ?? pipeline.defaults.language
        var answers = EmailAnswers(text: email.text, catalog: catalog, language: language)
        var sent = 0
        var attachmentsSent = attachments.isEmpty
        func send(_ text: String, withFiles: Bool) throws -> Bool {
            let id = sent == 0 ? email.messageID : "\(email.messageID)#\(sent + 1)"
            let outcome = try pipeline.process(
                InboundMessage(
                    channel: .email, externalID: id, sender: email.sender, conversation: email.sender,
                    text: text, attachments: withFiles ? attachments : [], verified: verified,
                    confirmation: sent == 0 ? confirmation : nil),
                in: connection, now: now)
            sent += 1
            if withFiles { attachmentsSent = true }
            guard case .processed = outcome else { return false }
            return true
        }

        var open = try openFlow(email.sender, connection, now: now) != nil
        if open, !isReply, answers.startsWithTrigger {
            // A new request in a fresh email, not an answer: close what was open first, as the person would.
            let cancel = catalog.localizer.words("words.cancel", language).first ?? "cancel"
            guard try send(cancel, withFiles: false) else { return sent }
            open = false
        }
        if !open {
            let opening = answers.opening()
            guard opening != nil || !attachmentsSent else { return sent }
            guard try send(opening ?? "", withFiles: true) else { return sent }
        }
        while sent < EmailAnswers.maxSteps, let (state, question) = try openFlow(email.sender, connection, now: now) {
            let wantsFile = question?.slotType == .attachment && !attachmentsSent
            guard let next = answers.next(for: state) ?? (wantsFile ? "" : nil) else { break }
            guard try send(next, withFiles: wantsFile) else { break }
        }
        if !attachmentsSent, sent == 0 { _ = try send("", withFiles: true) }
        return sent
    }

    /// The open flow's state and current question for the sender's email conversation; nil when none is open
    /// (or the open one has expired, which the engine drops on the next message anyway).
    private func openFlow(_ sender: String, _ connection: Connection, now: Int64) throws
        -> (ConversationState, FlowState?)?
    {
        guard let participant = try participant(sender, connection) else { return nil }
        let state = try ConversationRepository(connection).open(
            participantID: participant.id, channel: .email, address: sender, now: now).state
        guard pipeline.engine.isBusy(state, now: now), let flow = state.flow.flatMap(pipeline.engine.catalog.flow)
        else { return nil }
        return (state, state.state.flatMap(flow.state))
    }

    private func participant(_ sender: String, _ connection: Connection) throws -> ParticipantRecord? {
        try ParticipantRepository(connection).find(channel: .email, address: sender)
    }

    /// Turns the replies queued for the sender by this email into one email, threaded under it, with a form of
    /// the questions still open and every file the replies carried; returns its headers (nil when nothing was
    /// queued).
    private func mergeReplies(
        to email: IncomingEmail, thread: EmailOutgoingRecord?, after before: Int64, key: ReplyKey,
        in connection: Connection, now: Int64
    ) throws -> EmailOutgoingRecord? {
        let repository = EmailRepository(connection)
        let rows = try repository.queued(channel: .email, address: email.sender, after: before)
        guard !rows.isEmpty else { return nil }
        let outbox = OutboxRepository(connection)
        let files = try rows.flatMap { try outbox.attachments(outboxID: $0.id).map(\.file) }
        try repository.deleteQueued(rows.map(\.id))
        var body = rows.map(\.body).joined(separator: "\n\n")
        let participant = try participant(email.sender, connection)
        let language = participant?.language ?? pipeline.defaults.language
        if let form = try form(email.sender, language: language, connection, now: now) { body += "\n\n" + form }
        let outboxID = try outbox.enqueue(
            conversationID: rows.last?.conversationID, channel: .email, address: email.sender, body: body,
            attachments: files, now: now)
        let localizer = pipeline.engine.catalog.localizer
        let subject = !email.subject.isEmpty ? EmailHeaders.replySubject(email.subject)
            : thread.map { EmailHeaders.replySubject($0.subject) }
            ?? EmailHeaders.subject(fromBody: body, fallback: localizer.text("email.subject.default", language))
        let parent = email.hasMessageID ? email.messageID : nil
        let record = EmailHeaders.record(
            outboxID: outboxID, domain: identity?.domain ?? "tandem.invalid", address: email.sender,
            subject: subject, inReplyTo: parent, references: email.references + [parent].compactMap { $0 },
            autoSubmitted: OutgoingMail.AutoSubmitted.autoReplied.rawValue, key: key)
        try repository.saveOutgoing(record, now: now)
        return record
    }

    /// A held action this email caused is confirmed by a reply to `answer`, the mail that asks for it: its token
    /// becomes that mail's reply token.
    private func bindHeldActions(
        of sender: String, after heldBefore: Int64, to answer: EmailOutgoingRecord, in connection: Connection
    ) throws {
        let held = HeldActionRepository(connection)
        guard let participant = try participant(sender, connection),
              let action = try held.newest(participantID: participant.id, after: heldBefore) else { return }
        try held.bind(action.id, token: answer.tag)
    }

    /// `Label:` lines for the open flow's unanswered questions from the current one on, when more than one is
    /// left — so the person can answer them all in one reply.
    private func form(_ sender: String, language: String, _ connection: Connection, now: Int64) throws -> String? {
        guard let (state, current) = try openFlow(sender, connection, now: now), let current,
              let flow = state.flow.flatMap(pipeline.engine.catalog.flow),
              let start = flow.states.firstIndex(where: { $0.id == current.id }) else { return nil }
        let localizer = pipeline.engine.catalog.localizer
        let labels = flow.states[start...].compactMap { question -> String? in
            guard question.slotType != nil, question.slotType != .attachment, state.slots[question.id] == nil,
                  !state.skipped.contains(question.id), let label = question.label else { return nil }
            let name = localizer.text(label, language).split(separator: ",").first
            return name.map { "\($0.trimmingCharacters(in: .whitespaces)):" }
        }
        guard labels.count > 1 else { return nil }
        return ([localizer.text("email.form.intro", language)] + labels).joined(separator: "\n")
    }

    // MARK: - Addresses

    /// Where the message was delivered: To, Cc, and the envelope recipients the receiving server recorded.
    private func recipients(of message: MIMEMessage) -> [String] {
        (message.to + message.cc + message.envelopeRecipients).map(\.address)
    }

    /// The domain of `address`, lowercased (empty without one).
    static func domain(of address: String) -> String {
        address.split(separator: "@").last.map { String($0).lowercased() } ?? ""
    }

    // MARK: - Attachments

    /// The files worth keeping, with their content hash and the type their bytes show: not images embedded in
    /// an HTML body (signature logos), not empty parts.
    private static func attachments(of message: MIMEMessage) -> [(attachment: AttachmentRef, bytes: [UInt8])] {
        message.attachments.filter { !$0.bytes.isEmpty && !($0.isInline && $0.contentID != nil) }.map { file in
            (AttachmentRef(
                id: SHA256.hex(file.bytes), filename: file.filename, mediaType: file.detectedMediaType,
                size: file.bytes.count), file.bytes)
        }
    }
}

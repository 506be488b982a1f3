import Channels
import Engine
import Programme
import Store

/// The inbound path: one message → one SQLite transaction that records it (de-duplicated), runs the engine,
/// applies its effects (records, outbox replies, settings) and saves the conversation's new state.
/// Nothing is acknowledged to a channel before this commits.
public final class Pipeline: Sendable {
    /// Who a new participant is until enrolment says otherwise.
    public struct Defaults: Sendable {
        public var language = "en"
        public var timeZone = "UTC"
        /// Messages one sender may send per minute before Tandem stores them without answering (flood protection:
        /// one person cannot slow everyone else down). They get one polite note when they cross the limit.
        public var maxMessagesPerMinute = 30
        /// Minutes a message's text is kept after it is processed (the scheduler drops older ones); 0: it is never
        /// stored. The text of a message that answered a secret question or a concern is never kept.
        public var retentionMinutes = 60
        /// Messages from people Tandem does not know, all together, per minute; more are dropped unstored.
        public var maxStrangerMessagesPerMinute = 60
        /// Messages from people Tandem does not know at one domain (mail domain, Matrix server) per minute.
        public var maxStrangerMessagesPerDomainPerMinute = 10

        public init(
            language: String = "en", timeZone: String = "UTC", maxMessagesPerMinute: Int = 30,
            retentionMinutes: Int = 60, maxStrangerMessagesPerMinute: Int = 60,
            maxStrangerMessagesPerDomainPerMinute: Int = 10
        ) {
            self.language = language
            self.timeZone = timeZone
            self.maxMessagesPerMinute = maxMessagesPerMinute
            self.retentionMinutes = retentionMinutes
            self.maxStrangerMessagesPerMinute = maxStrangerMessagesPerMinute
            self.maxStrangerMessagesPerDomainPerMinute = maxStrangerMessagesPerDomainPerMinute
        }
    }

    /// What happened to one inbound message.
    public enum Outcome: Sendable, Equatable {
        /// Stored and processed; replies are in the outbox. `secret`: the message answered a secret question, so
        /// its text was not kept (and the channel's copy should go too).
        case processed(conversationID: Int64, secret: Bool = false)
        /// Not answered: the sender (or, for a stranger, their domain or all strangers) is over the per-minute
        /// limit. A participant's message is stored, a stranger's is not.
        case throttled
        /// From someone Tandem does not know, who did not join: recorded without its text, answered at most with a
        /// short hint, and nothing else kept.
        case stranger
        /// Seen before (same channel and external id): nothing changed.
        case duplicate
    }

    public let database: Database
    public let engine: Engine
    public let templates: TemplateCatalog
    public let actions: ActionRegistry
    public let clock: Clock
    public let defaults: Defaults
    /// Counters for `/metrics`: the pipeline counts actions that failed.
    public let metrics: ServiceMetrics
    /// Each sender's membership, read again only when enrolments, pairs, programmes or names changed.
    let memberships = MembershipCache()

    public init(database: Database, engine: Engine, templates: TemplateCatalog, actions: ActionRegistry = .standard,
                clock: Clock = .system, defaults: Defaults = Defaults(), metrics: ServiceMetrics = ServiceMetrics()) {
        self.database = database
        self.engine = engine
        self.templates = templates
        self.actions = actions
        self.clock = clock
        self.defaults = defaults
        self.metrics = metrics
    }

    /// Stores and processes one message in one transaction.
    @discardableResult
    public func receive(_ message: InboundMessage) throws -> Outcome {
        let now = clock.now()
        return try database.write { connection in try process(message, in: connection, now: now) }
    }

    /// Stores and processes one message inside the caller's transaction (a Matrix transaction holds several).
    /// Someone Tandem does not know is no participant until they start a newcomer flow its action admits ("join"
    /// with a valid code): see `Pipeline+Strangers`. `original`: the message is an edit of that one (its channel's
    /// ID); see ``revision(of:channel:saying:in:context:_:)``.
    public func process(_ message: InboundMessage, editing original: String? = nil, in connection: Connection,
                        now: Int64) throws -> Outcome {
        let known = try self.known(message.channel, message.sender, connection)
        if known == nil, try isStrangerFlood(message, connection, now: now) { return .throttled }
        guard let messageID = try InboundRepository(connection).record(
            channel: message.channel, externalID: message.externalID, sender: message.sender,
            // The text is processed in this transaction; it is kept only a while (never with retention 0), and
            // never a stranger's.
            body: known == nil || defaults.retentionMinutes == 0 ? "" : message.text, receivedAt: now,
            strangerDomain: known == nil ? message.senderDomain : nil)
        else { return .duplicate }
        guard var participant = try known ?? admitted(message, messageID: messageID, connection, now: now) else {
            return .stranger
        }
        let recent = try InboundRepository(connection).count(
            channel: message.channel, sender: message.sender, since: now - 60_000)
        if recent > defaults.maxMessagesPerMinute {
            if recent == defaults.maxMessagesPerMinute + 1 {
                try OutboxRepository(connection).enqueue(
                    conversationID: nil, channel: message.channel, address: message.conversation,
                    body: engine.catalog.localizer.text("engine.slow_down", participant.language), now: now)
            }
            return .throttled
        }
        let conversations = ConversationRepository(connection)
        let conversation = try conversations.open(
            participantID: participant.id, channel: message.channel, address: message.conversation, now: now)
        try InboundRepository(connection).attach(messageID, toConversation: conversation.id)
        try InboundRepository(connection).link(messageID, files: message.attachments.map(\.id))

        let membership = try memberships.membership(
            participantID: participant.id, connection: connection, templates: templates)
        let today = Clock.localDate(now, timeZone: participant.timeZone)
        // The voice of the participant's language in their template's register (`bg~informal` for pupils).
        let localizer = engine.catalog.localizer
        let register = membership?.register
        let voice = localizer.voice(participant.language, register: register)
        let consent = membership.map {
            ConsentGate(membership: $0, connection: connection, localizer: localizer, language: voice)
        }
        // A conversation is unverified from the first message its channel could not vouch for until it is idle again.
        let unverified = !message.verified || (conversation.unverified && !conversation.state.isIdle)
        var context = TurnContext(
            language: voice, now: now, today: today, roles: membership?.activeRoles ?? [],
            template: membership?.template.id, programmeDays: membership?.days,
            heldRoles: membership?.heldRoles ?? [], heldNotice: try consent?.heldNotice(), register: register,
            senderProven: !unverified)
        let outbox = OutboxRepository(connection)
        // What this message's turn queues (replies, notices) comes after this row.
        let queuedBefore = try outbox.lastID()
        // Where replies go: the conversation the message came from, unless the turn moves out of a group room.
        var replyTo = conversation
        func reply(_ text: String) throws {
            try outbox.enqueue(
                conversationID: replyTo.id, channel: replyTo.channel, address: replyTo.address, body: text, now: now)
        }
        func actionContext(sourceMessageID: Int64?) -> ActionContext {
            ActionContext(
                connection: connection, participantID: participant.id,
                language: localizer.voice(participant.language, register: register),
                localizer: engine.catalog.localizer, now: now, sourceMessageID: sourceMessageID,
                membership: membership, today: today, templates: templates,
                replyPlace: .init(conversationID: replyTo.id, channel: replyTo.channel, address: replyTo.address),
                opener: FlowOpener(engine: engine), senderProven: !unverified)
        }
        if let token = message.confirmation,
           let held = try heldAction(token: token, participantID: participant.id, connection) {
            for text in try settle(held, answer: message.text, context: context, in: actionContext) { try reply(text) }
            try conversations.save(
                conversation.state, id: conversation.id, now: now, unverified: conversation.unverified)
            return .processed(conversationID: conversation.id)
        }

        // An open flow with `unique:`: is its answer saved already? (The confirmation asks "another, or a
        // correction?".)
        if let flow = conversation.state.flow.flatMap(engine.catalog.flow), let unique = flow.unique,
           let value = conversation.state.slots[unique],
           let action = flow.action.flatMap(actions.action(named:)) as? any RecordedAnswers,
           try action.isRecorded(unique, value, in: actionContext(sourceMessageID: messageID)) {
            context.recorded = [value]
        }

        let inbound = Inbound(text: message.text, attachments: message.attachments)
        let checker = ActionAnswerChecker(actions: actions, context: actionContext(sourceMessageID: messageID))
        let turn = try original.map { original in
            try revision(of: original, channel: message.channel, saying: inbound, in: conversation, context: context,
                         connection)
        } ?? engine.handle(inbound, in: conversation.state, context: context, checker: checker)
        let secret = givesSecret(turn, before: conversation.state)
        if secret { try InboundRepository(connection).markSecret(messageID) }
        if !turn.keepsMessage { try InboundRepository(connection).dropBody(messageID) }

        let place = try self.place(
            for: turn, of: message, in: conversation, participant: participant, membership: membership, connection,
            now: now)
        if let (left, note) = place.left {
            try conversations.save(ConversationState(), id: left.id, now: now)
            try outbox.enqueue(
                conversationID: left.id, channel: left.channel, address: left.address, body: note, now: now)
        }
        guard let target = place.conversation else {
            return .processed(conversationID: conversation.id, secret: secret)
        }
        replyTo = target
        for effect in turn.effects {
            switch effect {
            case .reply(let text):
                try reply(text)
            case .setLanguage(let language):
                try ParticipantRepository(connection).setLanguage(language, for: participant.id)
                participant.language = language
            case .perform(let request) where unverified && engine.catalog.flow(request.flow)?.sensitive == true:
                let held = try hold(
                    request, conversationID: target.id, participantID: participant.id,
                    sourceMessageID: messageID, context: context, connection, now: now)
                if let held { try reply(held) }
            case .perform(let request):
                for text in try perform(request, in: actionContext(sourceMessageID: messageID)) { try reply(text) }
            }
        }
        if let explanation = try consent?.explanationDue(now: now) { try reply(explanation) }
        // A concern's notices and replies are not kept once delivered either (the concern itself is, for the lead).
        if !turn.keepsMessage { try outbox.dropWhenSent(after: queuedBefore) }
        let answered = target.id == conversation.id ? Self.answered(before: conversation.state, after: turn.state) : nil
        try conversations.save(
            turn.state, id: target.id, now: now, unverified: unverified && !turn.state.isIdle,
            lastAnswer: answered.map { LastAnswer(messageID: messageID, slot: $0) })
        return .processed(conversationID: conversation.id, secret: secret)
    }

    /// What to say to someone coming back to an unfinished flow (e.g. the terminal restarted).
    public func resumeTexts(channel: ChannelID, address: String) throws -> [String] {
        let now = clock.now()
        return try database.write { connection in
            guard let participant = try known(channel, address, connection) else { return [] }
            let conversation = try ConversationRepository(connection).open(
                participantID: participant.id, channel: channel, address: address, now: now)
            let context = TurnContext(
                language: participant.language, now: now, today: Clock.localDate(now, timeZone: participant.timeZone))
            return engine.resume(conversation.state, context: context)
        }
    }

    /// Runs the action in a savepoint and returns its replies. An action that fails undoes only what it wrote: the
    /// person is told, the failure is logged and counted, and the message (and, in a Matrix transaction, the other
    /// events) still commits — so a sender is never asked to retry a message that would fail again. Only a storage
    /// failure (disk, lock) fails the whole message, which the sender then retries.
    func perform(_ request: ActionRequest, in context: ActionContext) throws -> [String] {
        do {
            return try context.connection.savepoint { _ in
                guard let action = actions.action(named: request.action) else {
                    throw ActionInputError(action: request.action, slot: "")
                }
                return try action.run(request, in: context)
            }
        } catch let error as StoreError where error.isStorageUnavailable || error.isBusy {
            throw error
        } catch {
            Log.error("action failed flow=\(request.flow) action=\(request.action) error=\(error)")
            metrics.countActionFailure(action: request.action)
            return [engine.catalog.localizer.text("engine.failed", context.language)]
        }
    }

    /// The participant reached at this address, if any.
    func known(_ channel: ChannelID, _ address: String, _ connection: Connection) throws -> ParticipantRecord? {
        let participants = ParticipantRepository(connection)
        if let known = try participants.find(channel: channel, address: address) { return known }
        // The terminal is for trying Tandem out: `tandem chat --as ana@example.org` speaks as whoever has that address.
        return channel == .console ? try participants.find(anyChannelAddress: address) : nil
    }
}

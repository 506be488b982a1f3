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

        public init(
            language: String = "en", timeZone: String = "UTC", maxMessagesPerMinute: Int = 30,
            retentionMinutes: Int = 60
        ) {
            self.language = language
            self.timeZone = timeZone
            self.maxMessagesPerMinute = maxMessagesPerMinute
            self.retentionMinutes = retentionMinutes
        }
    }

    /// What happened to one inbound message.
    public enum Outcome: Sendable, Equatable {
        /// Stored and processed; replies are in the outbox.
        case processed(conversationID: Int64)
        /// Stored, but not answered: the sender is over the per-minute limit.
        case throttled
        /// Seen before (same channel and external id): nothing changed.
        case duplicate
    }

    public let database: Database
    public let engine: Engine
    public let templates: TemplateCatalog
    public let actions: ActionRegistry
    public let clock: Clock
    public let defaults: Defaults

    public init(database: Database, engine: Engine, templates: TemplateCatalog, actions: ActionRegistry = .standard,
                clock: Clock = .system, defaults: Defaults = Defaults()) {
        self.database = database
        self.engine = engine
        self.templates = templates
        self.actions = actions
        self.clock = clock
        self.defaults = defaults
    }

    /// Stores and processes one message in one transaction.
    @discardableResult
    public func receive(_ message: InboundMessage) throws -> Outcome {
        let now = clock.now()
        return try database.write { connection in try process(message, in: connection, now: now) }
    }

    /// Stores and processes one message inside the caller's transaction (a Matrix transaction holds several).
    public func process(_ message: InboundMessage, in connection: Connection, now: Int64) throws -> Outcome {
        // The text is processed in this transaction; it is stored only to be kept a while (never, with retention 0).
        guard let messageID = try InboundRepository(connection).record(
            channel: message.channel, externalID: message.externalID, sender: message.sender,
            body: defaults.retentionMinutes > 0 ? message.text : "", receivedAt: now)
        else { return .duplicate }
        let recent = try InboundRepository(connection).count(
            channel: message.channel, sender: message.sender, since: now - 60_000)
        var participant = try self.participant(message.channel, message.sender, connection, now: now)
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
        try InboundRepository(connection).link(messageID, files: message.attachments.map(\.sha256))

        let membership = try Membership.load(participantID: participant.id, connection: connection, templates: templates)
        let today = Clock.localDate(now, timeZone: participant.timeZone)
        let consent = membership.map {
            ConsentGate(membership: $0, connection: connection, localizer: engine.catalog.localizer,
                        language: participant.language)
        }
        let context = TurnContext(
            language: participant.language, now: now, today: today, roles: membership?.activeRoles ?? [],
            template: membership?.template.id, heldRoles: membership?.heldRoles ?? [],
            heldNotice: try consent?.heldNotice())
        let inbound = Inbound(text: message.text, attachments: message.attachments.map(Self.attachmentRef))
        let turn = engine.handle(inbound, in: conversation.state, context: context)

        let outbox = OutboxRepository(connection)
        func reply(_ text: String) throws {
            try outbox.enqueue(
                conversationID: conversation.id, channel: message.channel, address: message.conversation, body: text,
                now: now)
        }
        for effect in turn.effects {
            switch effect {
            case .reply(let text):
                try reply(text)
            case .setLanguage(let language):
                try ParticipantRepository(connection).setLanguage(language, for: participant.id)
                participant.language = language
            case .perform(let request):
                let action = ActionContext(
                    connection: connection, participantID: participant.id, language: participant.language,
                    localizer: engine.catalog.localizer, now: now, sourceMessageID: messageID, membership: membership,
                    today: today, templates: templates,
                    replyPlace: .init(
                        conversationID: conversation.id, channel: message.channel, address: message.conversation))
                for text in try run(request, in: action) { try reply(text) }
            }
        }
        if let explanation = try consent?.explanationDue(now: now) { try reply(explanation) }
        if !turn.keepsMessage { try InboundRepository(connection).dropBody(messageID) }
        try conversations.save(turn.state, id: conversation.id, now: now)
        return .processed(conversationID: conversation.id)
    }

    /// What to say to someone coming back to an unfinished flow (e.g. the terminal restarted).
    public func resumeTexts(channel: String, address: String) throws -> [String] {
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

    private func run(_ request: ActionRequest, in context: ActionContext) throws -> [String] {
        guard let action = actions.action(named: request.action) else {
            throw ActionInputError(action: request.action, slot: "")
        }
        return try action.run(request, in: context)
    }

    /// The participant reached at this address, if any.
    private func known(_ channel: String, _ address: String, _ connection: Connection) throws -> ParticipantRecord? {
        let participants = ParticipantRepository(connection)
        if let known = try participants.find(channel: channel, address: address) { return known }
        // The terminal is for trying Tandem out: `tandem chat --as ana@example.org` speaks as whoever has that address.
        return channel == ConsoleChannel.name ? try participants.find(anyChannelAddress: address) : nil
    }

    /// The participant at this address, created (not enrolled in anything) on first contact.
    private func participant(_ channel: String, _ address: String, _ connection: Connection, now: Int64) throws
        -> ParticipantRecord
    {
        if let known = try known(channel, address, connection) { return known }
        return try ParticipantRepository(connection).create(
            name: address, language: defaults.language, timeZone: defaults.timeZone, channel: channel,
            address: address, now: now)
    }

    private static func attachmentRef(_ attachment: InboundAttachment) -> AttachmentRef {
        AttachmentRef(
            id: attachment.sha256, filename: attachment.filename, mediaType: attachment.mediaType, size: attachment.size)
    }
}

import Channels
import Engine
import Programme
import Store

/// Messages from people Tandem does not know — no participant at that address. They cost nothing to keep: no
/// participant row, no conversation, no files, and their text is not stored (only the record that de-duplicates
/// them). The engine reads each one as from someone not enrolled, on an empty conversation:
///
/// - a flow for newcomers whose action admits the answers so far (`NewcomerAdmission`: "join" with a valid code)
///   makes them a participant, and the message is processed as theirs;
/// - a request that needs no conversation ("what's next", a danger word) is answered by running its action on a
///   participant that is rolled back at once;
/// - anything else gets the short "say join and your code" hint, at most once a day per address; no stranger gets
///   more than `maxStrangerRepliesPerDay` answers a day.
///
/// Flood limits for strangers hold per sender, per sender domain and for all of them together, checked before
/// anything is stored.
extension Pipeline {
    /// The most answers one stranger address gets in 24 hours (the hint only as the first).
    public static let maxStrangerRepliesPerDay = 3

    /// Whether a stranger's message is over a flood limit (then nothing of it is stored).
    func isStrangerFlood(_ message: InboundMessage, _ connection: Connection, now: Int64) throws -> Bool {
        let inbound = InboundRepository(connection)
        let since = now - 60_000
        let all = defaults.maxStrangerMessagesPerMinute
        let perDomain = defaults.maxStrangerMessagesPerDomainPerMinute
        let flooded = try inbound.strangerCount(since: since, limit: all) >= all
            || inbound.strangerCount(domain: message.senderDomain, since: since, limit: perDomain) >= perDomain
            || inbound.count(channel: message.channel, sender: message.sender, since: since)
                >= defaults.maxMessagesPerMinute
        if flooded { Log.info("stranger message dropped: flood limit channel=\(message.channel)") }
        return flooded
    }

    /// Whether files that came with a message from `sender` may be stored: only a participant's, under their
    /// per-minute limit. Channels ask before storing anything.
    public func mayKeepFiles(channel: ChannelID, sender: String, _ connection: Connection, now: Int64) throws -> Bool {
        guard try known(channel, sender, connection) != nil else { return false }
        return try InboundRepository(connection).count(channel: channel, sender: sender, since: now - 60_000)
            < defaults.maxMessagesPerMinute
    }

    /// The participant a stranger becomes when their message starts a newcomer flow that admits them; otherwise
    /// nil, after queueing what they may be told.
    func admitted(_ message: InboundMessage, messageID: Int64, _ connection: Connection, now: Int64) throws
        -> ParticipantRecord?
    {
        let context = TurnContext(
            language: defaults.language, now: now, today: Clock.localDate(now, timeZone: defaults.timeZone))
        let turn = engine.handle(Inbound(text: message.text), in: ConversationState(), context: context)
        var refusal: String?
        if let id = turn.state.flow, let flow = engine.catalog.flow(id) {
            guard flow.audience == .newcomers, let action = flow.action,
                  let gate = actions.action(named: action) as? any NewcomerAdmission else {
                try answerStranger(message, messageID: messageID, hint: true, context, connection, now: now)
                return nil
            }
            refusal = try gate.refusal(
                turn.state.slots, connection: connection, localizer: engine.catalog.localizer,
                language: context.language)
            if refusal == nil {
                try InboundRepository(connection).admit(messageID, body: message.text)
                Log.info("newcomer admitted channel=\(message.channel) flow=\(flow.id)")
                return try ParticipantRepository(connection).create(
                    name: message.sender, language: defaults.language, timeZone: defaults.timeZone,
                    channel: message.channel, address: message.sender, now: now)
            }
        }
        let requests = turn.effects.compactMap { effect -> ActionRequest? in
            if case .perform(let request) = effect { return request }
            return nil
        }
        if let refusal {
            try answerStranger(message, messageID: messageID, with: refusal, context, connection, now: now)
        } else if requests.isEmpty {
            try answerStranger(message, messageID: messageID, hint: true, context, connection, now: now)
        } else {
            let texts = try connection.discarding { connection in
                try perform(requests, forStranger: message, context, connection, now: now)
            }
            try answerStranger(
                message, messageID: messageID, with: texts.joined(separator: "\n\n"), context, connection, now: now)
        }
        return nil
    }

    /// Runs `requests` as a participant created for the moment (the caller rolls it back).
    private func perform(
        _ requests: [ActionRequest], forStranger message: InboundMessage, _ context: TurnContext,
        _ connection: Connection, now: Int64
    ) throws -> [String] {
        let passer = try ParticipantRepository(connection).create(
            name: message.sender, language: context.language, timeZone: defaults.timeZone, channel: message.channel,
            address: message.sender, now: now)
        let action = ActionContext(
            connection: connection, participantID: passer.id, language: context.language,
            localizer: engine.catalog.localizer, now: now, sourceMessageID: nil, membership: nil,
            today: context.today, templates: templates)
        return try requests.flatMap { try perform($0, in: action) }
    }

    /// Queues `text` (or, with `hint`, the "say join and your code" hint) for a stranger, unless their address
    /// had its answers for today.
    private func answerStranger(
        _ message: InboundMessage, messageID: Int64, with text: String? = nil, hint: Bool = false,
        _ context: TurnContext, _ connection: Connection, now: Int64
    ) throws {
        let inbound = InboundRepository(connection)
        let limit = hint ? 1 : Self.maxStrangerRepliesPerDay
        let answered = try inbound.strangerAnswers(
            channel: message.channel, sender: message.sender, since: now - 86_400_000, limit: limit)
        guard answered < limit else { return }
        let localizer = engine.catalog.localizer
        let body = text ?? localizer.text("stranger.hint", context.language)
        try inbound.markStrangerAnswered(messageID)
        let outbox = OutboxRepository(connection)
        // In a group room only the hint is said there; what a request answers goes to a direct chat with them (the
        // Matrix transport opens one at their user ID), as anyone's would.
        if text != nil, case .group = message.audience {
            try outbox.enqueue(
                conversationID: nil, channel: message.channel, address: message.conversation,
                body: localizer.text("matrix.answered_privately", context.language, ["name": message.sender]),
                now: now)
            try outbox.enqueue(
                conversationID: nil, channel: message.channel, address: message.sender, body: body, now: now)
            return
        }
        try outbox.enqueue(
            conversationID: nil, channel: message.channel, address: message.conversation, body: body, now: now)
    }
}

import Engine
import Store

/// Opens a flow in someone's conversation who did not ask for it — the scheduler's "did you meet?", the finance
/// coordinator's question about a claim — so that their next message answers its first open question.
public struct FlowOpener: Sendable {
    public let engine: Engine

    public init(engine: Engine) { self.engine = engine }

    /// The participant's conversation at `channel`/`address` (created if new), or nil while it is in the middle of
    /// another flow (opening one now would throw away what they are doing).
    public func idleConversation(participantID: Int64, channel: ChannelID, address: String, now: Int64,
                                 _ connection: Connection) throws -> ConversationRecord? {
        let conversation = try ConversationRepository(connection).open(
            participantID: participantID, channel: channel, address: address, now: now)
        return engine.isBusy(conversation.state, now: now) ? nil : conversation
    }

    /// Opens `flowID` in `conversation` with the `prefilled` answers and queues `intro` followed by the question it
    /// waits on, in `language`. Returns the outbox row, or nil when the flow is unknown.
    public func open(
        _ flowID: String, prefilled: [String: SlotValue], in conversation: ConversationRecord, language: String,
        today: CalendarDate, intro: String, now: Int64, _ connection: Connection
    ) throws -> Int64? {
        let context = TurnContext(language: language, now: now, today: today)
        guard let turn = engine.open(flowID, prefilled: prefilled, context: context) else { return nil }
        let question = turn.effects.compactMap { effect -> String? in
            if case .reply(let text) = effect { return text }
            return nil
        }
        try ConversationRepository(connection).save(turn.state, id: conversation.id, now: now)
        return try OutboxRepository(connection).enqueue(
            conversationID: conversation.id, channel: conversation.channel, address: conversation.address,
            body: ([intro] + question).joined(separator: "\n"), now: now)
    }
}

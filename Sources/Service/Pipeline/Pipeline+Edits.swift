import Engine
import Store

/// Edited messages (Matrix `m.replace`): an edit of the answer a conversation's open flow last took replaces that
/// answer; any other edit is not applied, and the person is told so (an edit must never be lost silently).
extension Pipeline {
    /// The turn for an edit of the message `original` (its channel's ID), saying `inbound` now.
    func revision(
        of original: String, channel: ChannelID, saying inbound: Inbound, in conversation: ConversationRecord,
        context: TurnContext, _ connection: Connection
    ) throws -> Turn {
        let messageID = try InboundRepository(connection).id(channel: channel, externalID: original)
        if let messageID, let last = try ConversationRepository(connection).lastAnswer(conversation.id),
           last.messageID == messageID, last.slot == Self.lastSlot(of: conversation.state),
           engine.isBusy(conversation.state, now: context.now),
           var turn = engine.revise(inbound, in: conversation.state, context: context) {
            turn.effects.insert(.reply(engine.catalog.localizer.text("matrix.edit_applied", context.language)), at: 0)
            return turn
        }
        let text = engine.catalog.localizer.text("matrix.edit_not_applied", context.language)
        return Turn(state: conversation.state, effects: [.reply(text)])
    }

    /// The question a message answered, when the turn moved the same open flow one question on.
    static func answered(before: ConversationState, after: ConversationState) -> String? {
        guard after.flow != nil, after.flow == before.flow, after.history.count == before.history.count + 1,
              after.history.dropLast() == before.history[...] else { return nil }
        return lastSlot(of: after)
    }

    /// `FLOW/QUESTION` of the last question the state moved past.
    static func lastSlot(of state: ConversationState) -> String? {
        guard let flow = state.flow, let question = state.history.last else { return nil }
        return "\(flow)/\(question)"
    }
}

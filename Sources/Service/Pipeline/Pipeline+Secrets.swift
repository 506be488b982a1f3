import Engine

/// Secret answers (`secret` questions: an IBAN): the message that gave one is marked, so its body is not kept and
/// its channel can take it out of the chat (Matrix redacts it).
extension Pipeline {
    /// Whether this turn's message gave the answer to a `secret` question: one is answered now that was not before.
    func givesSecret(_ turn: Turn, before: ConversationState) -> Bool {
        var answered: [(flow: String, slots: [String: SlotValue])] = []
        if let flow = turn.state.flow { answered.append((flow, turn.state.slots)) }
        for case .perform(let request) in turn.effects { answered.append((request.flow, request.slots)) }
        return answered.contains { flowID, slots in
            guard let flow = engine.catalog.flow(flowID) else { return false }
            return flow.states.contains { question in
                question.secret && slots[question.id] != nil
                    && (before.flow != flowID || before.slots[question.id] == nil)
            }
        }
    }
}

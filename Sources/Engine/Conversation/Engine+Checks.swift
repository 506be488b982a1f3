/// Answers checked as soon as they are given (questions marked `checked`, see `AnswerChecker`), and the options a
/// checked choice question offers.
extension Engine {
    /// The reserved slot holding the option ids a checked choice question offered when it was asked (question ids
    /// never start with a dot, so it is neither an answer nor sent to an action).
    static func offeredKey(_ question: String) -> String { ".offered." + question }

    /// The options `state` shows in `conversation`: those the checker allowed when it was asked, else all of them.
    func offered(_ state: FlowState, _ conversation: ConversationState) -> [String] {
        guard case .list(let ids)? = conversation.slots[Self.offeredKey(state.id)] else { return state.options }
        return ids
    }

    /// Before a checked choice question is asked: keeps the options the checker allows this person (in flow order).
    func offer(_ state: FlowState, of flow: Flow, _ turn: inout Turn, _ context: TurnContext,
               _ checker: (any AnswerChecker)?) {
        guard state.checked, state.slotType == .choice, let checker else { return }
        let allowed = checker.options(state.id, of: flow, answers: Self.answers(turn.state), context: context)
            .map { ids in state.options.filter(ids.contains) }
        turn.state.slots[Self.offeredKey(state.id)] = allowed.flatMap { $0.isEmpty ? nil : .list($0) }
    }

    /// Checks the answered, checked questions among `questions`, in flow order: says what the checker notes; on a
    /// re-ask, says why, forgets that answer and returns the question to ask again (the checks after it wait).
    func check(_ questions: [String], of flow: Flow, _ turn: inout Turn, _ context: TurnContext,
               _ checker: (any AnswerChecker)?) -> String? {
        guard let checker else { return nil }
        let asked = Set(questions)
        for question in flow.states where question.checked && asked.contains(question.id) {
            guard turn.state.slots[question.id] != nil else { continue }
            switch checker.check(question.id, of: flow, answers: Self.answers(turn.state), context: context) {
            case .accepted:
                continue
            case .noted(let text):
                turn.say(text)
            case .reask(let text, let again):
                turn.say(text)
                turn.state.slots[again] = nil
                turn.state.skipped.remove(again)
                turn.state.history.removeAll { $0 == again }
                return again
            }
        }
        return nil
    }

    /// The answers so far, without the engine's reserved slots.
    static func answers(_ state: ConversationState) -> [String: SlotValue] {
        state.slots.filter { !$0.key.hasPrefix(".") }
    }
}

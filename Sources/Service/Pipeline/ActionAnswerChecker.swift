import Engine
import Programme

/// The engine's `AnswerChecker` for one message: the flow's action checks the answer (if it is `AnswerChecking`),
/// inside the message's transaction and as its speaker. A check that fails is logged and lets the answer through —
/// the action checks everything again when the flow ends.
struct ActionAnswerChecker: AnswerChecker {
    let actions: ActionRegistry
    let context: ActionContext

    func check(_ question: String, of flow: Flow, answers: [String: SlotValue], context turn: TurnContext)
        -> AnswerVerdict
    {
        guard let (action, request) = checking(flow, answers) else { return .accepted }
        do {
            return try action.check(question, request, in: context)
        } catch {
            Log.error("answer check failed flow=\(flow.id) question=\(question) error=\(error)")
            return .accepted
        }
    }

    func options(_ question: String, of flow: Flow, answers: [String: SlotValue], context turn: TurnContext)
        -> [String]?
    {
        guard let (action, request) = checking(flow, answers) else { return nil }
        do {
            return try action.options(question, request, in: context)
        } catch {
            Log.error("answer options failed flow=\(flow.id) question=\(question) error=\(error)")
            return nil
        }
    }

    private func checking(_ flow: Flow, _ answers: [String: SlotValue]) -> (any AnswerChecking, ActionRequest)? {
        guard let name = flow.action, let action = actions.action(named: name) as? any AnswerChecking else {
            return nil
        }
        return (action, ActionRequest(flow: flow.id, action: name, slots: answers))
    }
}

import Engine

/// An action that checks answers as soon as they are given — the questions its flows mark `checked` (and its
/// contract lists in `checks`) — so that a claim over budget is refused right after the amount, not after every other
/// question. It only reads: nothing it does is stored. When the flow ends, `run` checks everything again.
public protocol AnswerChecking: FlowAction {
    /// What to do now that `question` has an answer; `answers` holds every answer so far (read them as in `run`).
    func check(_ question: String, _ answers: ActionRequest, in context: ActionContext) throws -> AnswerVerdict

    /// The option ids the checked choice `question` offers this person (nil: all of the flow's).
    func options(_ question: String, _ answers: ActionRequest, in context: ActionContext) throws -> [String]?
}

extension AnswerChecking {
    public func options(_ question: String, _ answers: ActionRequest, in context: ActionContext) throws -> [String]? {
        nil
    }
}

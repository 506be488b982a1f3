/// Checks answers as soon as they are given, against what only the service knows (budgets, earlier claims, a
/// file's hash): the engine asks it about every question marked `checked` in its flow the moment that question has
/// a value (typed, given in the message that started the flow, or labelled in a later message), with every answer
/// so far. The flow's action stays the authority when the flow ends; this only moves a refusal to where the person
/// can still fix it. Called synchronously inside the message's turn.
public protocol AnswerChecker {
    /// What to do now that `question` of `flow` has an answer (`answers` holds every answer so far).
    func check(_ question: String, of flow: Flow, answers: [String: SlotValue], context: TurnContext) -> AnswerVerdict

    /// The options a `checked` choice question offers this person now: ids of the flow's own options, in the order to
    /// show them; nil offers them all.
    func options(_ question: String, of flow: Flow, answers: [String: SlotValue], context: TurnContext) -> [String]?
}

/// The outcome of an `AnswerChecker` check.
public enum AnswerVerdict: Sendable, Hashable {
    /// Nothing to say: go on.
    case accepted
    /// Go on, after saying this (a warning, "this looks like claim 3").
    case noted(String)
    /// Say this, forget the answer to `question` (the one just given or an earlier one) and ask it again.
    case reask(String, question: String)
}

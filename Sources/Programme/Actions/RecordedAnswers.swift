import Engine

/// An action whose flow says `unique: QUESTION`: it tells the engine which answers to that question are already
/// saved (the dates of the pair's logged meetings), so a second one is asked about before it is saved.
public protocol RecordedAnswers: FlowAction {
    /// The answers to `question` already saved for the speaker (and their pair).
    func recorded(_ question: String, in context: ActionContext) throws -> [SlotValue]
}

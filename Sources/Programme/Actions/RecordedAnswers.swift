import Engine

/// An action whose flow says `unique: QUESTION`: it tells the engine whether a record with a given answer to that
/// question is saved already (a meeting on that date in the pair's log), so the confirmation asks whether the new
/// one is another or a correction.
public protocol RecordedAnswers: FlowAction {
    /// Whether a record with `value` as its answer to `question` is saved for the speaker (and their pair).
    func isRecorded(_ question: String, _ value: SlotValue, in context: ActionContext) throws -> Bool
}

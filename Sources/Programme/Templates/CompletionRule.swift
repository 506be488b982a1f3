/// What a participant must have done for a certificate of satisfactory completion, read from a template's
/// `completion:` line, e.g. `completion: meetings 8, documents learning_plan, transferability, evaluation`.
public struct CompletionRule: Sendable, Hashable {
    /// The line of the `completion:` setting, for errors found after the whole file is read.
    public let line: Int
    /// Meetings the pair must have logged (different meeting days, whoever logged them).
    public var meetings = 0
    /// Template documents to deliver; each participant owes only those their role owns.
    public var documents: [String] = []
    /// The participant sent the end-of-programme evaluation.
    public var evaluation = false
    /// The pair assessed at least one measure's transferability.
    public var transferability = false

    public init(line: Int) { self.line = line }

    /// The most documents one rule may name.
    static let maxDocuments = 20
    /// The most meetings a rule may ask for (as `meetings:`).
    static let maxMeetings = 10_000
}

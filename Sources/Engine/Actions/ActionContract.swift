/// What an action needs from the flows that name it (`action: NAME`): the answers it reads and the locale keys
/// it says. `tandem dialogs check` verifies every such flow against it — a question the action reads that the
/// flow does not ask (or asks as another type, or lets be skipped), a question the action never reads, a text key
/// missing from the locales — each as `FILE:LINE`.
public struct ActionContract: Sendable {
    public let inputs: [ActionInput]
    /// Locale keys the action (and what it calls) may say.
    public let texts: [String]
    /// The answers the action can check as soon as they are given: a flow may mark only these `checked`.
    public let checks: Set<String>

    public init(inputs: [ActionInput] = [], texts: [String] = [], checks: Set<String> = []) {
        self.inputs = inputs
        self.texts = texts
        self.checks = checks
    }

    /// A contract from the action's answer constants (`checks`: those it can check as soon as they are given).
    public init(_ answers: [any AnswerDeclaring], texts: [String] = [], checks: [any AnswerDeclaring] = []) {
        self.init(inputs: answers.map(\.input), texts: texts, checks: Set(checks.map(\.input.name)))
    }
}

/// Anything that declares one input of an action (every `Answer`).
public protocol AnswerDeclaring: Sendable {
    var input: ActionInput { get }
}

extension Answer: AnswerDeclaring {}

/// The budget rules of a template, each set to warn or block (`claims …` lines of a `.programme` file).
/// Without a line a rule warns; there is no deadline unless one is set.
public struct ClaimRules: Sendable, Hashable {
    /// A claim that takes its budget line over its limit.
    public var lineLimit = RuleSeverity.warn
    /// A claim that takes the role's total over its limit.
    public var roleLimit = RuleSeverity.warn
    /// A claim without a receipt (the participant lost it and explains why).
    public var receipt = RuleSeverity.warn
    public var deadline: ClaimDeadline?

    public init() {}
}

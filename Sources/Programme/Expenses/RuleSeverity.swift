/// What a broken budget rule does to a claim, as set in the programme template.
public enum RuleSeverity: String, Sendable, Hashable {
    /// The claim goes through, flagged for the finance coordinator (over a limit: only after an explicit "yes").
    case warn
    /// The claim is refused, with the reason.
    case block
}

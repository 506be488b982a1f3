/// What an expense message asks for. Flows that share one action (`my expenses` / `yes` / `no`, and the finance
/// coordinator's `claims` / `approve 12` / …) tell them apart by the words of the message, from the locale key
/// `expenses.verb.<raw value>`.
public enum ExpenseVerb: String, Sendable, CaseIterable {
    // The participant's.
    case list, send, drop
    // The finance coordinator's (and, read-only, a facilitator's).
    case claims, show, approve, reject, paid, ask, rate
}

/// Where one conversation stands: the open flow and question, the answers so far, and the path taken
/// (for `back`). Persisted as JSON after every message, so a restart resumes at the same question.
public struct ConversationState: Sendable, Hashable, Codable {
    public var flow: String?
    public var state: String?
    public var slots: [String: SlotValue] = [:]
    /// Optional questions the participant skipped.
    public var skipped: Set<String> = []
    /// States whose answers were accepted, in order; `back` pops the last one.
    public var history: [String] = []
    /// When the participant last said something (epoch milliseconds).
    public var updatedAt: Int64 = 0
    /// The flow an `interrupts:` flow (a safeguarding concern) stopped in the middle, to go on with afterwards.
    public var suspended: SuspendedFlow?

    public init() {}

    public var isIdle: Bool { flow == nil }

    /// The idle state, keeping nothing of the finished flow.
    public mutating func reset() { self = ConversationState() }

    /// The open flow and its answers, as they are now, to go on with later.
    var snapshot: SuspendedFlow? {
        flow.map { SuspendedFlow(flow: $0, state: state, slots: slots, skipped: skipped, history: history) }
    }
}

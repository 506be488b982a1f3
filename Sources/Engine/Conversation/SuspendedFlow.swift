/// A flow waiting while a safeguarding flow (`interrupts: yes`) runs: where it stood and what was answered, so it
/// goes on at the same question afterwards.
public struct SuspendedFlow: Sendable, Hashable, Codable {
    public var flow: String
    public var state: String?
    public var slots: [String: SlotValue]
    public var skipped: Set<String>
    public var history: [String]

    public init(flow: String, state: String?, slots: [String: SlotValue], skipped: Set<String>, history: [String]) {
        self.flow = flow
        self.state = state
        self.slots = slots
        self.skipped = skipped
        self.history = history
    }
}

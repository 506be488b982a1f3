extension ActionRegistry {
    /// Broadcasts and who is behind (for facilitators and coordinators), and the answer to the scheduler's
    /// "did you meet?" (for the pair).
    static let facilitationActions: [any FlowAction] = [
        PrepareBroadcast(), SendBroadcast(), ShowBroadcastStatus(), WhoIsBehind(), SaveSessionOutcome(),
    ]
}

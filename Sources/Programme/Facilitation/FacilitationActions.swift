extension ActionRegistry {
    /// Broadcasts and who is behind: for facilitators and coordinators.
    static let facilitationActions: [any FlowAction] = [
        PrepareBroadcast(), SendBroadcast(), ShowBroadcastStatus(), WhoIsBehind(),
    ]
}

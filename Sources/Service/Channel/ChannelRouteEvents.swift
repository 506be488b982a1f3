import Store

/// What a route tells the service while answering a request: messages committed, replies queued.
public struct ChannelRouteEvents: Sendable {
    let channel: ChannelID
    let metrics: ServiceMetrics
    let onCommit: @Sendable () -> Void

    /// `count` inbound messages were committed: counted in `/metrics`, and the outbox workers are woken for the
    /// replies they may have queued.
    public func stored(_ count: Int) {
        metrics.countInbound(channel: channel, count: count)
        onCommit()
    }

    /// Outbox rows may have been queued or made due without a new message: the workers are woken.
    public func queued() { onCommit() }
}

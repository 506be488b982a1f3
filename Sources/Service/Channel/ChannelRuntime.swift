/// A started channel: the HTTP routes it answers and, when it is configured to send, its way out.
public struct ChannelRuntime: Sendable {
    /// Its endpoints (webhooks, an application-service API), mounted next to `/healthz` and `/metrics`.
    public let routes: [ChannelRoute]
    /// Delivers its outbox rows (an outbox worker is started for it); nil when sending is not configured.
    public let transport: (any OutboxTransport)?

    public init(routes: [ChannelRoute] = [], transport: (any OutboxTransport)? = nil) {
        self.routes = routes
        self.transport = transport
    }
}

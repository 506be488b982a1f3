import Store

/// What happened when a channel tried to deliver one outbox row.
public enum DeliveryResult: Sendable, Equatable {
    case delivered
    /// Try again later: after the peer's `Retry-After` if it gave one, else after the worker's backoff.
    case retry(afterMilliseconds: Int64?, reason: String)
    /// Never going to work (the room is gone, the address is refused): give up on the row now.
    case reject(reason: String)
}

/// A channel's way out: the Matrix client-server API, SMTP.
public protocol OutboxTransport: Sendable {
    /// The outbox channel this transport delivers (`matrix`, `email`).
    var channel: ChannelID { get }
    func deliver(_ message: OutboxMessage) -> DeliveryResult
}

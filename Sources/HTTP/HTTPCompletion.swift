/// A worker's report to the event loop that it has answered a connection's request.
struct HTTPCompletion: Sendable {
    /// What the connection does next.
    enum Next: Sendable {
        /// Read the next request (keep-alive).
        case keepAlive
        /// Close gracefully: the response was written and the peer may still be reading it.
        case close
        /// Close at once: the response could not be written (the peer is gone or stopped reading).
        case drop
    }

    /// The connection's token in the event loop.
    let token: UInt64
    let next: Next
}

/// One accepted connection as the event loop sees it: its socket, parser and where it stands.
///
/// Owned by the event loop's thread (not `Sendable`): while a worker runs the handler, the loop keeps the record
/// and the worker only gets the descriptor, the request and the connection's token.
final class HTTPConnection {
    /// Where the connection stands.
    enum Phase: Equatable {
        /// No request in progress and nothing buffered: a new connection, or a keep-alive one between requests.
        case waiting
        /// Bytes of a request head have arrived; the head is not complete.
        case readingHead
        /// The head was admitted; its body is being read.
        case readingBody
        /// A worker has the complete request. Input that arrives meanwhile is buffered, not parsed.
        case handling
        /// The last response was written and write side shut down; input is discarded until the peer closes.
        case closing
    }

    let fd: Int32
    /// Identifies this connection in poller events and completions (the descriptor number alone can be reused).
    let token: UInt64
    let address: PeerAddress
    var parser: HTTPRequestParser
    var phase = Phase.waiting
    /// When the current phase times out (`nil` while a handler runs).
    var deadline: ContinuousClock.Instant?
    /// Set while the connection counts against its address's pending limit: since when.
    var pendingSince: ContinuousClock.Instant?
    /// Bytes of the server's unauthenticated-body budget this request holds.
    var reservedBodyBytes = 0
    /// When the first byte of the current request arrived (for the access log).
    var requestStart: ContinuousClock.Instant?
    /// The head of the current request, once parsed.
    var head: HTTPRequestHead?
    /// Whether a response has been written (afterwards, waiting uses the idle timeout, not the head timeout).
    var hasResponded = false
    /// Whether the peer has closed its side (seen while a handler ran).
    var peerClosed = false
    /// Whether the poller watches the socket (not while buffered input must wait, or once the peer has closed).
    var watched = true
    /// Bytes thrown away while closing.
    var discarded = 0
    /// Shared with the worker answering the current request.
    let wake = HTTPWakeRequest()

    init(fd: Int32, token: UInt64, address: PeerAddress, limits: HTTPLimits) {
        self.fd = fd
        self.token = token
        self.address = address
        self.parser = HTTPRequestParser(limits: limits)
    }

    /// The method and path of the current request for the access log (empty when no request line was read).
    var requestLine: (method: String, path: String) {
        head.map { ($0.method, $0.path) } ?? parser.currentRequestLine ?? ("", "")
    }
}

/// Settings for ``HTTPServer``.
public struct HTTPServerConfiguration: Sendable {
    /// The address to bind: an IPv4 or IPv6 literal or a host name (`"0.0.0.0"` for all IPv4 interfaces).
    public var host: String
    /// The TCP port; `0` picks an ephemeral port (``HTTPServer/start()`` returns the actual one).
    public var port: UInt16
    /// Maximum number of connections open at once, whatever they are doing (reading, waiting for a handler, idle
    /// between keep-alive requests). A connection accepted beyond it is answered `503 Service Unavailable` with
    /// `Retry-After: 1` and closed straight away, without reading it. An open connection costs a descriptor and its
    /// unparsed bytes, no thread.
    public var maxConnections: Int
    /// Maximum number of connections from one address (an IPv4 address or an IPv6 /64) that are still sending a
    /// request head or an unauthenticated body ("pending"). When one more would start, the oldest pending one from
    /// that address is answered `429 Too Many Requests` and closed if it has been pending for over a second (so a
    /// slow sender cannot crowd out a new request from the same address); otherwise the new one is answered 429.
    public var maxPendingConnectionsPerAddress: Int
    /// Handlers run on a pool of at most this many threads (started as needed); complete requests wait in order
    /// for a free one. Reading and parsing never need a thread of their own.
    public var workerThreads: Int
    /// A request head must be complete within this time, counted from its first byte (for a new connection, from
    /// when it was accepted); otherwise the server answers 408 (best effort) and drops the connection — a
    /// connection that sent nothing at all is closed silently. This is what stops slow-loris clients.
    public var headTimeout: Duration
    /// A request body must be complete within this time after its head; otherwise 408 and the connection is
    /// dropped.
    public var bodyTimeout: Duration
    /// How long a keep-alive connection may sit idle between requests (after its first response) before it is
    /// closed silently.
    public var idleTimeout: Duration
    /// Bound on writing one response; a client that stops reading is dropped after it.
    public var writeTimeout: Duration
    /// How long ``HTTPServer/shutdown()`` lets in-flight requests finish reading before their connections are
    /// dropped. (A handler that is already running is never interrupted; its response is still written.)
    public var shutdownGracePeriod: Duration
    /// Parser limits (request line, headers, per-route body size).
    public var limits: HTTPLimits
    /// The most body bytes of unauthenticated requests (``HTTPAdmission/unauthenticated``) held at once, counted
    /// from `Content-Length` (a chunked body counts as its route's whole limit) from the head until the handler
    /// is done. It bounds the memory strangers can make the server use.
    public var maxUnauthenticatedBodyBytes: Int
    /// The `listen(2)` backlog.
    public var backlog: Int32

    /// Creates a configuration. Defaults: 127.0.0.1:8080, 2,048 connections, 64 pending per address, 32 handler
    /// threads, 10 s for a head, 60 s for a body, 30 s idle, 10 s write, 10 s shutdown grace, default
    /// ``HTTPLimits``, 64 MiB of unauthenticated bodies, backlog 511.
    public init(
        host: String = "127.0.0.1",
        port: UInt16 = 8080,
        maxConnections: Int = 2048,
        maxPendingConnectionsPerAddress: Int = 64,
        workerThreads: Int = 32,
        headTimeout: Duration = .seconds(10),
        bodyTimeout: Duration = .seconds(60),
        idleTimeout: Duration = .seconds(30),
        writeTimeout: Duration = .seconds(10),
        shutdownGracePeriod: Duration = .seconds(10),
        limits: HTTPLimits = HTTPLimits(),
        maxUnauthenticatedBodyBytes: Int = 64 << 20,
        backlog: Int32 = 511
    ) {
        self.host = host
        self.port = port
        self.maxConnections = maxConnections
        self.maxPendingConnectionsPerAddress = maxPendingConnectionsPerAddress
        self.workerThreads = workerThreads
        self.headTimeout = headTimeout
        self.bodyTimeout = bodyTimeout
        self.idleTimeout = idleTimeout
        self.writeTimeout = writeTimeout
        self.shutdownGracePeriod = shutdownGracePeriod
        self.limits = limits
        self.maxUnauthenticatedBodyBytes = maxUnauthenticatedBodyBytes
        self.backlog = backlog
    }
}

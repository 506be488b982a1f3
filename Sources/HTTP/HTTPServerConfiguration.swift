/// Settings for ``HTTPServer``.
public struct HTTPServerConfiguration: Sendable {
    /// The address to bind: an IPv4 or IPv6 literal or a host name (`"0.0.0.0"` for all IPv4 interfaces).
    public var host: String
    /// The TCP port; `0` picks an ephemeral port (``HTTPServer/start()`` returns the actual one).
    public var port: UInt16
    /// Maximum number of connections served at once (each has its own thread). A connection accepted beyond it
    /// is answered `503 Service Unavailable` with `Retry-After: 1` and closed straight away, without reading it.
    public var maxConnections: Int
    /// A request must arrive completely within this time, counted from its first byte; otherwise the server
    /// answers 408 (best effort) and drops the connection. This is what stops slow-loris clients. A new
    /// connection must also deliver its first request within this time after being accepted.
    public var readTimeout: Duration
    /// How long a keep-alive connection may sit idle between requests (after its first response) before it is
    /// closed silently.
    public var idleTimeout: Duration
    /// Bound on each socket write (`SO_SNDTIMEO`); a client that stops reading is dropped after it.
    public var writeTimeout: Duration
    /// How long ``HTTPServer/shutdown()`` lets in-flight requests finish reading before their connections are
    /// dropped. (A handler that is already running is never interrupted; its response is still written.)
    public var shutdownGracePeriod: Duration
    /// Parser limits (request line, headers, per-route body size).
    public var limits: HTTPLimits
    /// The `listen(2)` backlog.
    public var backlog: Int32

    /// Creates a configuration. Defaults: 127.0.0.1:8080, 128 connections, 10 s read, 30 s idle, 10 s write,
    /// 10 s shutdown grace, default ``HTTPLimits``, backlog 128.
    public init(
        host: String = "127.0.0.1",
        port: UInt16 = 8080,
        maxConnections: Int = 128,
        readTimeout: Duration = .seconds(10),
        idleTimeout: Duration = .seconds(30),
        writeTimeout: Duration = .seconds(10),
        shutdownGracePeriod: Duration = .seconds(10),
        limits: HTTPLimits = HTTPLimits(),
        backlog: Int32 = 128
    ) {
        self.host = host
        self.port = port
        self.maxConnections = maxConnections
        self.readTimeout = readTimeout
        self.idleTimeout = idleTimeout
        self.writeTimeout = writeTimeout
        self.shutdownGracePeriod = shutdownGracePeriod
        self.limits = limits
        self.backlog = backlog
    }
}

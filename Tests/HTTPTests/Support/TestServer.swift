import HTTP
import Synchronization

/// Helpers to run a real server on 127.0.0.1 with an ephemeral port.
enum TestServer {
    /// Short timeouts so failure paths finish quickly.
    static func configuration(
        maxConnections: Int = 16, headTimeout: Duration = .seconds(3), bodyTimeout: Duration = .seconds(3),
        limits: HTTPLimits = HTTPLimits()
    ) -> HTTPServerConfiguration {
        HTTPServerConfiguration(
            host: "127.0.0.1", port: 0, maxConnections: maxConnections, headTimeout: headTimeout,
            bodyTimeout: bodyTimeout, idleTimeout: .seconds(5), writeTimeout: .seconds(3),
            shutdownGracePeriod: .seconds(3), limits: limits)
    }

    /// Echoes method, path and query in headers and the body as body.
    static let echo: @Sendable (HTTPRequest) -> HTTPResponse = { request in
        HTTPResponse(
            status: .ok,
            headers: ["X-Method": request.method, "X-Path": request.path, "X-Query": request.query ?? "-"],
            body: request.body)
    }

    /// Starts a server, runs `body` with its port, then shuts it down and waits for it.
    static func with(
        _ configuration: HTTPServerConfiguration = configuration(),
        accessLog: (@Sendable (HTTPAccessLogEntry) -> Void)? = nil,
        admission: @escaping @Sendable (HTTPRequestHead) -> HTTPAdmission = { _ in .unauthenticated },
        handler: @escaping @Sendable (HTTPRequest) -> HTTPResponse = echo,
        _ body: (HTTPServer, UInt16) throws -> Void
    ) throws {
        let server = HTTPServer(
            configuration: configuration, accessLog: accessLog, admission: admission, handler: handler)
        let port = try server.start()
        defer {
            server.shutdown()
            server.waitUntilStopped()
        }
        try body(server, port)
    }
}

/// A thread-safe list, for collecting access-log entries.
final class Recorder<Element: Sendable>: Sendable {
    private let items = Mutex<[Element]>([])
    func append(_ item: Element) { items.withLock { $0.append(item) } }
    var all: [Element] { items.withLock { $0 } }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import HTTP

/// Servers for the ``HTTPClient`` tests: the project's own ``HTTPServer`` on 127.0.0.1, plus raw sockets for
/// what that server never does (a closed port, a response without `Content-Length`).
enum HTTPClientTestServer {
    /// Starts an ``HTTPServer`` on an ephemeral port, runs `body` with a base URL, then shuts the server down.
    static func with(
        handler: @escaping @Sendable (HTTPRequest) -> HTTPResponse, _ body: (String) throws -> Void
    ) throws {
        let configuration = HTTPServerConfiguration(
            host: "127.0.0.1", port: 0, maxConnections: 16, headTimeout: .seconds(3), idleTimeout: .seconds(3),
            writeTimeout: .seconds(3), shutdownGracePeriod: .seconds(3))
        let server = HTTPServer(configuration: configuration, handler: handler)
        let port = try server.start()
        defer {
            server.shutdown()
            server.waitUntilStopped()
        }
        try body("http://127.0.0.1:\(port)")
    }

    /// A TCP socket bound to 127.0.0.1 but not listening: connecting to its port is refused, and no other test can
    /// take the port while it is held. Closed after `body`.
    static func withRefusingPort(_ body: (UInt16) throws -> Void) throws {
        let (fd, port) = try boundSocket()
        defer { close(fd) }
        try body(port)
    }

    /// Serves exactly one connection with `response` written verbatim (then closes), for responses
    /// ``HTTPServer`` cannot produce. The request is read (one `recv`) and ignored.
    static func withRawResponse(_ response: [UInt8], _ body: (String) throws -> Void) throws {
        let (fd, port) = try boundSocket()
        guard listen(fd, 4) == 0 else {
            close(fd)
            throw POSIXError(.EADDRINUSE)
        }
        let done = DispatchSemaphore(value: 0)
        Thread.detachNewThread {
            defer { done.signal() }
            let connection = accept(fd, nil, nil)
            guard connection >= 0 else { return }
            defer { close(connection) }
            var buffer = [UInt8](repeating: 0, count: 4096)
            _ = recv(connection, &buffer, buffer.count, 0)
            var offset = 0
            while offset < response.count {
                let sent = response[offset...].withUnsafeBytes { send(connection, $0.baseAddress, $0.count, noSignal) }
                guard sent > 0 else { return }  // the client hung up (expected when it aborts)
                offset += sent
            }
        }
        defer {
            shutdown(fd, Int32(SHUT_RDWR))  // wakes accept() if the client never connected
            done.wait()
            close(fd)
        }
        try body("http://127.0.0.1:\(port)")
    }

    #if canImport(Glibc)
    static let noSignal = Int32(MSG_NOSIGNAL)
    private static let streamType = Int32(SOCK_STREAM.rawValue)
    #else
    static let noSignal: Int32 = 0
    private static let streamType = SOCK_STREAM
    #endif

    static func boundSocket() throws -> (Int32, UInt16) {
        let fd = socket(AF_INET, streamType, 0)
        guard fd >= 0 else { throw POSIXError(.EMFILE) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let named = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        guard bound == 0, named == 0 else {
            close(fd)
            throw POSIXError(.EADDRNOTAVAIL)
        }
        return (fd, UInt16(bigEndian: address.sin_port))
    }
}

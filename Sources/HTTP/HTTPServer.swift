#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Dispatch
import Synchronization

/// A small HTTP/1.1 server on blocking POSIX sockets.
///
/// Threading: one accept thread, plus one thread per connection, at most
/// ``HTTPServerConfiguration/maxConnections``. A connection beyond that is answered `503 Service Unavailable`
/// (with `Retry-After: 1`) and closed at once, so callers such as webhook senders retry instead of queuing.
/// Each connection reads with `poll(2)` deadlines (``HTTPServerConfiguration/readTimeout`` per request,
/// ``HTTPServerConfiguration/idleTimeout`` between keep-alive requests), parses with ``HTTPRequestParser``,
/// and runs the synchronous handler on its own thread; pipelined requests are answered in order.
///
/// ```swift
/// let server = HTTPServer(configuration: .init(port: 0)) { request in .text("hello \(request.path)") }
/// let port = try server.start()
/// // …
/// server.shutdown()
/// server.waitUntilStopped()
/// ```
public final class HTTPServer: Sendable {
    private enum Phase {
        case idle
        case running(wakeWrite: Int32)
        case stopping(deadline: ContinuousClock.Instant)
        case stopped
    }

    private struct State {
        var phase: Phase = .idle
        var activeConnections = 0
    }

    private enum Admission {
        case admitted
        case full
        case stopping
    }

    /// The configuration the server was created with.
    public let configuration: HTTPServerConfiguration
    let handler: @Sendable (HTTPRequest) -> HTTPResponse
    let accessLog: (@Sendable (HTTPAccessLogEntry) -> Void)?
    private let state = Mutex(State())
    /// Entered by the accept thread and by every connection thread; empty once everything has stopped.
    private let threads = DispatchGroup()

    /// Creates a server; nothing happens until ``start()``.
    /// - Parameters:
    ///   - configuration: address, limits and timeouts.
    ///   - accessLog: called once per answered request (also for errors the server answers itself), on the
    ///     connection's thread, after the response is written. It never receives headers or bodies.
    ///   - handler: produces the response; runs synchronously on the connection's thread, so it may block.
    public init(
        configuration: HTTPServerConfiguration,
        accessLog: (@Sendable (HTTPAccessLogEntry) -> Void)? = nil,
        handler: @escaping @Sendable (HTTPRequest) -> HTTPResponse
    ) {
        self.configuration = configuration
        self.accessLog = accessLog
        self.handler = handler
    }

    /// The number of connections currently open.
    public var activeConnections: Int {
        state.withLock { $0.activeConnections }
    }

    /// Binds and listens (with `SO_REUSEADDR`), then accepts connections on a background thread.
    /// - Returns: the bound port (the ephemeral one chosen by the system when the configured port is 0).
    /// - Throws: ``HTTPServerError`` if already started, or if resolving, binding or listening fails.
    @discardableResult
    public func start() throws(HTTPServerError) -> UInt16 {
        try state.withLock { state throws(HTTPServerError) in
            guard case .idle = state.phase else { throw .alreadyStarted }
            state.phase = .stopped  // placeholder: stops a concurrent second start()
        }
        do throws(HTTPServerError) {
            let (listenFD, port) = try Self.openListener(configuration)
            var pipeFDs: [Int32] = [-1, -1]
            guard pipe(&pipeFDs) == 0 else {
                let code = errno
                close(listenFD)
                throw HTTPServerError.socketFailed(errno: code)
            }
            let (wakeRead, wakeWrite) = (pipeFDs[0], pipeFDs[1])
            _ = fcntl(wakeRead, F_SETFD, FD_CLOEXEC)
            _ = fcntl(wakeWrite, F_SETFD, FD_CLOEXEC)
            state.withLock { $0.phase = .running(wakeWrite: wakeWrite) }
            threads.enter()
            let result = PosixThread.detach { [self] in
                acceptLoop(listenFD: listenFD, wakeFD: wakeRead)
                threads.leave()
            }
            guard result == 0 else {
                threads.leave()
                close(listenFD)
                close(wakeRead)
                close(wakeWrite)
                state.withLock { $0.phase = .idle }
                throw HTTPServerError.threadFailed(code: result)
            }
            threads.notify(queue: .global()) {
                close(wakeRead)
                close(wakeWrite)
            }
            return port
        } catch {
            state.withLock { if case .stopped = $0.phase { $0.phase = .idle } }
            throw error
        }
    }

    /// Begins a graceful shutdown and returns immediately: the listener is closed, idle keep-alive connections
    /// are closed, requests being read get until ``HTTPServerConfiguration/shutdownGracePeriod`` to arrive,
    /// and responses in progress are written with `Connection: close`. Calling it again does nothing.
    public func shutdown() {
        let grace = configuration.shutdownGracePeriod
        let wakeWrite: Int32? = state.withLock { state in
            switch state.phase {
            case .running(let wakeWrite):
                state.phase = .stopping(deadline: .now + grace)
                return wakeWrite
            case .idle:
                state.phase = .stopped
                return nil
            case .stopping, .stopped:
                return nil
            }
        }
        if let wakeWrite {
            // Never read: the pipe stays readable, waking every thread that polls it.
            var byte: UInt8 = 1
            _ = write(wakeWrite, &byte, 1)
        }
    }

    /// Blocks until the accept thread and every connection thread have finished (returns at once if the server
    /// never started). Only returns after ``shutdown()``; a handler that never returns blocks it forever.
    public func waitUntilStopped() {
        threads.wait()
    }

    // MARK: - Internals used by connections

    /// The shutdown deadline, or `nil` while the server is running normally.
    var shutdownDeadline: ContinuousClock.Instant? {
        state.withLock { state in
            switch state.phase {
            case .stopping(let deadline): deadline
            case .stopped: .now
            case .idle, .running: nil
            }
        }
    }

    // MARK: - Accepting

    private static func openListener(
        _ configuration: HTTPServerConfiguration
    ) throws(HTTPServerError) -> (Int32, UInt16) {
        var hints = addrinfo()
        hints.ai_flags = AI_PASSIVE | AI_NUMERICSERV
        hints.ai_family = AF_UNSPEC
        #if canImport(Glibc)
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        #else
        hints.ai_socktype = SOCK_STREAM
        #endif
        var list: UnsafeMutablePointer<addrinfo>?
        let status = getaddrinfo(configuration.host, String(configuration.port), &hints, &list)
        guard status == 0, let info = list else {
            throw .invalidAddress(host: configuration.host, reason: String(cString: gai_strerror(status)))
        }
        defer { freeaddrinfo(list) }

        let fd = socket(info.pointee.ai_family, Socket.streamType, 0)
        guard fd >= 0 else { throw .socketFailed(errno: errno) }
        var one: Int32 = 1
        _ = setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, socklen_t(MemoryLayout<Int32>.size))
        guard bind(fd, info.pointee.ai_addr, info.pointee.ai_addrlen) == 0 else {
            let code = errno
            close(fd)
            throw .bindFailed(host: configuration.host, port: configuration.port, errno: code)
        }
        guard listen(fd, configuration.backlog) == 0 else {
            let code = errno
            close(fd)
            throw .listenFailed(errno: code)
        }
        var storage = sockaddr_storage()
        var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
        let named = withUnsafeMutablePointer(to: &storage) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        guard named == 0 else {
            let code = errno
            close(fd)
            throw .listenFailed(errno: code)
        }
        let family = Int32(storage.ss_family)
        let port: UInt16 = withUnsafePointer(to: &storage) { pointer in
            if family == AF_INET6 {
                pointer.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) {
                    UInt16(bigEndian: $0.pointee.sin6_port)
                }
            } else {
                pointer.withMemoryRebound(to: sockaddr_in.self, capacity: 1) {
                    UInt16(bigEndian: $0.pointee.sin_port)
                }
            }
        }
        return (fd, port)
    }

    private static let unavailableResponse = ResponseSerializer.serialize(
        HTTPResponse(
            status: .serviceUnavailable, headers: ["Content-Type": "text/plain; charset=utf-8", "Retry-After": "1"],
            body: Array("503 Service Unavailable\n".utf8)),
        omitBody: false, keepAlive: false, requestVersion: .http1_1)

    private func acceptLoop(listenFD: Int32, wakeFD: Int32) {
        defer { close(listenFD) }
        while true {
            switch Socket.waitReadable(listenFD, wake: wakeFD, deadline: nil) {
            case .woken, .failed, .timedOut:
                return
            case .readable:
                break
            }
            let fd = accept(listenFD, nil, nil)
            guard fd >= 0 else {
                if errno == EMFILE || errno == ENFILE || errno == ENOBUFS || errno == ENOMEM {
                    usleep(10_000)  // out of descriptors/memory: back off instead of spinning
                }
                continue
            }
            _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
            switch admit() {
            case .stopping:
                close(fd)
                return
            case .full:
                reject(fd)
            case .admitted:
                threads.enter()
                let result = PosixThread.detach { [self] in
                    var connection = HTTPConnection(fd: fd, server: self, wakeFD: wakeFD)
                    connection.run()
                    release()
                    threads.leave()
                }
                if result != 0 {
                    release()
                    threads.leave()
                    reject(fd)
                }
            }
        }
    }

    private func admit() -> Admission {
        let maxConnections = configuration.maxConnections
        return state.withLock { state in
            guard case .running = state.phase else { return .stopping }
            guard state.activeConnections < maxConnections else { return .full }
            state.activeConnections += 1
            return .admitted
        }
    }

    private func release() {
        state.withLock { $0.activeConnections -= 1 }
    }

    private func reject(_ fd: Int32) {
        Socket.sendBestEffort(fd, Self.unavailableResponse)
        #if canImport(Glibc)
        _ = Glibc.shutdown(fd, Int32(SHUT_WR))
        #else
        _ = Darwin.shutdown(fd, SHUT_WR)
        #endif
        close(fd)
        accessLog?(HTTPAccessLogEntry(method: "", path: "", status: .serviceUnavailable, durationMicroseconds: 0))
    }
}

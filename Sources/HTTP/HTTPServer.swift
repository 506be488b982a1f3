#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Dispatch
import Synchronization

/// A small HTTP/1.1 server on non-blocking POSIX sockets.
///
/// Threading: one event-loop thread (``HTTPEventLoop``, epoll on Linux) accepts connections and reads and parses
/// every request head and body, however many connections are open and however slowly they send; complete requests
/// go to a pool of at most ``HTTPServerConfiguration/workerThreads`` threads that run the synchronous handler and
/// write its response. So a slow or silent client costs a descriptor and its buffered bytes, never a thread, and
/// `/healthz` keeps answering while hundreds of half-sent requests are open.
///
/// Before a body is read, the `admission` hook decides from the head alone whether the caller is authenticated
/// (see ``HTTPAdmission``): a request without credentials is answered (401/403) without its body being read.
/// Limits: ``HTTPServerConfiguration/maxConnections`` in all (beyond: 503), pending connections per address,
/// a budget for unauthenticated bodies, a head timeout and a separate body timeout. Pipelined requests are
/// answered in order.
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
        case running(HTTPMailbox)
        case stopping(deadline: ContinuousClock.Instant)
        case stopped
    }

    /// The configuration the server was created with.
    public let configuration: HTTPServerConfiguration
    let handler: @Sendable (HTTPRequest) -> HTTPResponse
    let admission: @Sendable (HTTPRequestHead) -> HTTPAdmission
    let accessLog: (@Sendable (HTTPAccessLogEntry) -> Void)?
    private let phase = Mutex(Phase.idle)
    /// Kept up to date by the event loop.
    let openConnections = Atomic<Int>(0)
    /// Entered by the event loop and every worker thread; empty once everything has stopped.
    private let threads = DispatchGroup()

    /// Creates a server; nothing happens until ``start()``.
    /// - Parameters:
    ///   - configuration: address, limits and timeouts.
    ///   - accessLog: called once per answered request (also for errors the server answers itself), after the
    ///     response is written, on a worker thread or the event loop — so it must be quick. It never receives
    ///     headers or bodies.
    ///   - admission: decides from a request's head whether its body may be read (by default every request is
    ///     ``HTTPAdmission/unauthenticated``); runs on the event loop, so it must be quick and never block.
    ///   - handler: produces the response; runs synchronously on a worker thread, so it may block.
    public init(
        configuration: HTTPServerConfiguration,
        accessLog: (@Sendable (HTTPAccessLogEntry) -> Void)? = nil,
        admission: @escaping @Sendable (HTTPRequestHead) -> HTTPAdmission = { _ in .unauthenticated },
        handler: @escaping @Sendable (HTTPRequest) -> HTTPResponse
    ) {
        self.configuration = configuration
        self.accessLog = accessLog
        self.admission = admission
        self.handler = handler
    }

    /// The number of connections currently open (reading, being answered or idle between requests).
    public var activeConnections: Int {
        openConnections.load(ordering: .relaxed)
    }

    /// Binds and listens (with `SO_REUSEADDR`), then serves on background threads.
    /// - Returns: the bound port (the ephemeral one chosen by the system when the configured port is 0).
    /// - Throws: ``HTTPServerError`` if already started, or if resolving, binding or listening fails.
    @discardableResult
    public func start() throws(HTTPServerError) -> UInt16 {
        try phase.withLock { phase throws(HTTPServerError) in
            guard case .idle = phase else { throw .alreadyStarted }
            phase = .stopped  // placeholder: stops a concurrent second start()
        }
        do throws(HTTPServerError) {
            let (listenFD, port) = try HTTPListener.open(configuration)
            var pipeFDs: [Int32] = [-1, -1]
            guard pipe(&pipeFDs) == 0, Socket.makeNonBlocking(pipeFDs[0]), Socket.makeNonBlocking(pipeFDs[1]) else {
                let code = errno
                close(listenFD)
                pipeFDs.filter { $0 >= 0 }.forEach { close($0) }
                throw HTTPServerError.socketFailed(errno: code)
            }
            let (wakeRead, wakeWrite) = (pipeFDs[0], pipeFDs[1])
            let mailbox = HTTPMailbox(wakeWrite: wakeWrite)
            let loop: HTTPEventLoop
            do {
                loop = try HTTPEventLoop(
                    server: self, listenFD: listenFD, wakeFD: wakeRead, mailbox: mailbox,
                    pool: HTTPWorkerPool(maxThreads: configuration.workerThreads, group: threads))
            } catch {
                [listenFD, wakeRead, wakeWrite].forEach { close($0) }
                throw error
            }
            phase.withLock { $0 = .running(mailbox) }
            threads.enter()
            let result = PosixThread.detach { [self] in
                loop.run()
                threads.leave()
            }
            guard result == 0 else {
                threads.leave()
                [listenFD, wakeRead, wakeWrite].forEach { close($0) }
                phase.withLock { $0 = .idle }
                throw HTTPServerError.threadFailed(code: result)
            }
            threads.notify(queue: .global()) {
                close(wakeRead)
                close(wakeWrite)
            }
            return port
        } catch {
            phase.withLock { if case .stopped = $0 { $0 = .idle } }
            throw error
        }
    }

    /// Begins a graceful shutdown and returns immediately: the listener is closed, idle keep-alive connections
    /// are closed, requests being read get until ``HTTPServerConfiguration/shutdownGracePeriod`` to arrive,
    /// and responses in progress are written with `Connection: close`. Calling it again does nothing.
    public func shutdown() {
        let grace = configuration.shutdownGracePeriod
        let mailbox = phase.withLock { phase -> HTTPMailbox? in
            switch phase {
            case .running(let mailbox):
                phase = .stopping(deadline: .now + grace)
                return mailbox
            case .idle:
                phase = .stopped
                return nil
            case .stopping, .stopped:
                return nil
            }
        }
        mailbox?.ring()
    }

    /// Blocks until the event loop and every worker thread have finished (returns at once if the server never
    /// started). Only returns after ``shutdown()``; a handler that never returns blocks it forever.
    public func waitUntilStopped() {
        threads.wait()
    }

    // MARK: - Internals used by the event loop and workers

    /// The shutdown deadline, or `nil` while the server is running normally.
    var shutdownDeadline: ContinuousClock.Instant? {
        phase.withLock { phase in
            switch phase {
            case .stopping(let deadline): deadline
            case .stopped: .now
            case .idle, .running: nil
            }
        }
    }
}

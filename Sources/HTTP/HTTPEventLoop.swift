#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The server's one I/O thread: accepts connections, reads and parses request heads and bodies for all of them
/// without a thread per connection, applies the limits (admission from the head, unauthenticated-body budget,
/// pending connections per address, head and body timeouts), and hands complete requests to the worker pool.
///
/// `@unchecked Sendable` only to be handed to its thread when the server starts: from then on everything here runs
/// on that one thread, and workers talk back only through the ``HTTPMailbox``.
final class HTTPEventLoop: @unchecked Sendable {
    private static let listenerToken: UInt64 = 1
    private static let wakeToken: UInt64 = 2
    /// How often deadlines are checked while connections are open.
    private static let sweepInterval = Duration.milliseconds(50)
    /// A pending connection younger than this is never evicted to make room for a newcomer from its address.
    private static let evictionAge = Duration.seconds(1)
    /// Connections accepted per wake-up, so that reading those already open is not starved by a flood of new ones.
    private static let acceptBatch = 64
    /// Pipelined input buffered while a handler runs, before the loop stops reading that connection.
    private static let maxBufferedWhileHandling = 64 << 10
    /// A graceful close discards the peer's input for at most this long and this much.
    private static let lingerTime = Duration.seconds(1)
    private static let lingerBytes = 1 << 20
    /// How long accepting pauses when the process is out of descriptors or memory.
    private static let acceptBackoff = Duration.milliseconds(100)

    private let server: HTTPServer
    private let configuration: HTTPServerConfiguration
    private let poller: EventPoller
    private let listenFD: Int32
    private var listenerClosed = false
    /// Set while accepting is paused (out of descriptors): when to watch the listener again.
    private var acceptResumesAt: ContinuousClock.Instant?
    private let wakeFD: Int32
    private let mailbox: HTTPMailbox
    private let pool: HTTPWorkerPool
    private var connections: [Int32: HTTPConnection] = [:]
    /// Pending connections per address, oldest first.
    private var pending: [PeerAddress: [HTTPConnection]] = [:]
    private let bodyBudget: HTTPBodyBudget
    private var generation: UInt64 = 0
    private var readBuffer = [UInt8](repeating: 0, count: 64 * 1024)
    private var stopDeadline: ContinuousClock.Instant?
    private var nextSweep = ContinuousClock.now

    init(
        server: HTTPServer, listenFD: Int32, wakeFD: Int32, mailbox: HTTPMailbox, pool: HTTPWorkerPool
    ) throws(HTTPServerError) {
        self.server = server
        self.configuration = server.configuration
        self.listenFD = listenFD
        self.wakeFD = wakeFD
        self.mailbox = mailbox
        self.pool = pool
        bodyBudget = HTTPBodyBudget(limit: server.configuration.maxUnauthenticatedBodyBytes)
        poller = try EventPoller()
        guard poller.add(listenFD, token: Self.listenerToken), poller.add(wakeFD, token: Self.wakeToken) else {
            throw .socketFailed(errno: errno)
        }
    }

    /// Serves until the server stops and the last connection has closed; then closes the listener and lets the
    /// workers finish.
    func run() {
        while stopDeadline == nil || !connections.isEmpty {
            let idle = connections.isEmpty && acceptResumesAt == nil
            let events = poller.wait(timeoutMilliseconds: idle ? -1 : Socket.milliseconds(Self.sweepInterval))
            takeCompletions()  // answers handed back quietly, before the input that may follow them
            for event in events {
                switch event.token {
                case Self.listenerToken: acceptConnections()
                case Self.wakeToken: wake()
                default:
                    if let connection = connections[Int32(truncatingIfNeeded: event.token)],
                       connection.token == event.token {
                        readable(connection)
                    }
                }
            }
            let now = ContinuousClock.now
            if now >= nextSweep {
                sweep(now)
                nextSweep = now + Self.sweepInterval
            }
        }
        closeListener()
        pool.stop()
    }

    // MARK: - Accepting

    private func acceptConnections() {
        for _ in 0..<Self.acceptBatch {
            var storage = sockaddr_storage()
            var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
            let fd = withUnsafeMutablePointer(to: &storage) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { accept(listenFD, $0, &length) }
            }
            guard fd >= 0 else {
                switch errno {
                case EINTR, ECONNABORTED: continue
                case EMFILE, ENFILE, ENOBUFS, ENOMEM: pauseAccepting()
                default: break  // EAGAIN: nothing more to accept
                }
                return
            }
            admit(fd, from: PeerAddress(storage))
        }
    }

    private func admit(_ fd: Int32, from address: PeerAddress) {
        guard stopDeadline == nil else {
            close(fd)
            return
        }
        guard connections.count < configuration.maxConnections else {
            reject(fd, .serviceUnavailable)
            return
        }
        Socket.makeNonBlocking(fd)
        Socket.configureConnection(fd)
        generation += 1
        let connection = HTTPConnection(
            fd: fd, token: generation << 32 | UInt64(UInt32(bitPattern: fd)), address: address,
            limits: configuration.limits)
        guard enterPending(connection) else {
            reject(fd, .tooManyRequests)
            return
        }
        guard poller.add(fd, token: connection.token) else {
            leavePending(connection)
            close(fd)
            return
        }
        connection.deadline = .now + configuration.headTimeout
        connections[fd] = connection
        server.openConnections.add(1, ordering: .relaxed)
    }

    /// Answers a connection that is not taken on (503 at capacity, 429 over its address's limit) and closes it.
    private func reject(_ fd: Int32, _ status: HTTPStatus) {
        Socket.sendAll(fd, Self.refusal(status), deadline: nil)
        Socket.shutdownWrite(fd)
        close(fd)
        server.log(method: "", path: "", status: status, since: nil)
    }

    private func pauseAccepting() {
        poller.remove(listenFD)
        acceptResumesAt = .now + Self.acceptBackoff
    }

    private func closeListener() {
        guard !listenerClosed else { return }
        poller.remove(listenFD)
        close(listenFD)
        listenerClosed = true
        acceptResumesAt = nil
    }

    // MARK: - Pending connections per address

    /// Counts `connection` against its address; when the address is at its limit, evicts the address's oldest
    /// pending connection if that one is old enough, else refuses (returns `false`).
    private func enterPending(_ connection: HTTPConnection) -> Bool {
        let now = ContinuousClock.now
        if let queue = pending[connection.address], queue.count >= configuration.maxPendingConnectionsPerAddress {
            guard let oldest = queue.first, let since = oldest.pendingSince, now - since >= Self.evictionAge else {
                return false
            }
            expire(oldest, status: .tooManyRequests)
        }
        connection.pendingSince = now
        pending[connection.address, default: []].append(connection)
        return true
    }

    private func leavePending(_ connection: HTTPConnection) {
        guard connection.pendingSince != nil else { return }
        connection.pendingSince = nil
        pending[connection.address]?.removeAll { $0 === connection }
        if pending[connection.address]?.isEmpty == true { pending[connection.address] = nil }
    }

    // MARK: - Reading

    private func readable(_ connection: HTTPConnection) {
        switch connection.phase {
        case .closing:
            discardInput(connection)
        case .handling:
            bufferWhileHandling(connection)
        case .waiting, .readingHead, .readingBody:
            switch Socket.receive(connection.fd, into: &readBuffer) {
            case .bytes(0):
                return
            case .bytes(let count):
                if connection.phase == .waiting, !startRequest(connection) { return }
                connection.parser.append(readBuffer[0..<count])
                process(connection)
            case .endOfFile, .failed:
                close(connection)
            }
        }
    }

    /// The first bytes of a request arrived on a waiting connection. Returns `false` if the connection was closed
    /// instead (the server is stopping, or its address has too many pending connections).
    private func startRequest(_ connection: HTTPConnection) -> Bool {
        guard stopDeadline == nil else {
            close(connection)
            return false
        }
        if connection.pendingSince == nil, !enterPending(connection) {
            expire(connection, status: .tooManyRequests)
            return false
        }
        let now = ContinuousClock.now
        connection.phase = .readingHead
        connection.requestStart = now
        connection.deadline = now + configuration.headTimeout
        return true
    }

    /// Parses what is buffered: admits heads, hands complete requests to the pool, answers parse errors.
    private func process(_ connection: HTTPConnection) {
        while true {
            let event: HTTPParserEvent?
            do {
                event = try connection.parser.next()
            } catch {
                finish(connection, with: .text(status: error.status, "\(error.status): \(error)\n"))
                return
            }
            switch event {
            case nil:
                if connection.peerClosed { close(connection) }
                return
            case .head(let head):
                connection.head = head
                guard admit(head, on: connection) else { return }
            case .request(let request):
                leavePending(connection)
                connection.phase = .handling
                connection.deadline = nil
                connection.wake.reset()
                if connection.parser.bufferedByteCount > 0 { connection.wake.request() }
                let exchange = HTTPExchange(
                    fd: connection.fd, token: connection.token, request: request,
                    started: connection.requestStart ?? .now, wake: connection.wake)
                // The worker gives the body's share of the budget back once the handler is done.
                let (server, mailbox, budget) = (self.server, self.mailbox, bodyBudget)
                let reserved = connection.reservedBodyBytes
                connection.reservedBodyBytes = 0
                let submitted = pool.submit {
                    let completion = server.answer(exchange) { budget.release(reserved) }
                    mailbox.post(completion) { completion.next != .keepAlive || exchange.wake.isRequested }
                }
                if !submitted {
                    bodyBudget.release(reserved)
                    finish(connection, with: .status(.serviceUnavailable))
                }
                return
            }
        }
    }

    /// Applies the route's admission to a parsed head. Returns `false` if the request was answered instead.
    private func admit(_ head: HTTPRequestHead, on connection: HTTPConnection) -> Bool {
        switch server.admission(head) {
        case .refuse(let response):
            finish(connection, with: response)
            return false
        case .authenticated:
            leavePending(connection)
        case .unauthenticated:
            let bytes = connection.parser.expectedBodyBytes
                ?? configuration.limits.maxBodyBytes(head.method, head.path)
            guard bodyBudget.reserve(bytes) else {
                var busy = HTTPResponse.status(.serviceUnavailable)
                busy.headers.set(name: "Retry-After", value: "5")
                finish(connection, with: busy)
                return false
            }
            connection.reservedBodyBytes = bytes
        }
        connection.phase = .readingBody
        connection.deadline = .now + configuration.bodyTimeout
        if let stopDeadline, let deadline = connection.deadline { connection.deadline = min(deadline, stopDeadline) }
        if head.expectsContinue { Socket.sendAll(connection.fd, ResponseSerializer.continueBytes, deadline: nil) }
        return true
    }

    /// Input for a connection whose request a worker has: kept for later. The worker is asked to wake the loop when
    /// done; if it has already handed the connection back quietly, the answer is picked up right here.
    private func bufferWhileHandling(_ connection: HTTPConnection) {
        switch Socket.receive(connection.fd, into: &readBuffer) {
        case .bytes(0):
            return
        case .bytes(let count):
            connection.parser.append(readBuffer[0..<count])
            if connection.parser.bufferedByteCount >= Self.maxBufferedWhileHandling { unwatch(connection) }
        case .endOfFile, .failed:
            connection.peerClosed = true
            unwatch(connection)
        }
        connection.wake.request()
        takeCompletions()
    }

    private func discardInput(_ connection: HTTPConnection) {
        switch Socket.receive(connection.fd, into: &readBuffer) {
        case .bytes(let count):
            connection.discarded += count
            if connection.discarded >= Self.lingerBytes { close(connection) }
        case .endOfFile, .failed:
            close(connection)
        }
    }

    // MARK: - Answers from workers

    private func wake() {
        var scratch = [UInt8](repeating: 0, count: 64)
        while read(wakeFD, &scratch, scratch.count) == scratch.count {}
        takeCompletions()
        if stopDeadline == nil, let deadline = server.shutdownDeadline { beginStopping(deadline) }
    }

    private func takeCompletions() {
        for completion in mailbox.take() { complete(completion) }
    }

    private func complete(_ completion: HTTPCompletion) {
        guard let connection = connections[Int32(truncatingIfNeeded: completion.token)],
              connection.token == completion.token, connection.phase == .handling
        else { return }
        releaseBudget(connection)
        switch completion.next {
        case .drop:
            close(connection)
        case .close:
            beginClosing(connection)
        case .keepAlive:
            connection.hasResponded = true
            connection.head = nil
            connection.requestStart = nil
            connection.phase = .waiting
            if connection.parser.isIdle {
                guard stopDeadline == nil, !connection.peerClosed else {
                    close(connection)
                    return
                }
                connection.deadline = .now + configuration.idleTimeout
                watch(connection)
            } else {
                if !connection.peerClosed { watch(connection) }
                guard startRequest(connection) else { return }
                process(connection)
            }
        }
    }

    // MARK: - Deadlines and closing

    private func sweep(_ now: ContinuousClock.Instant) {
        takeCompletions()
        if let resume = acceptResumesAt, now >= resume {
            acceptResumesAt = nil
            if !listenerClosed { poller.add(listenFD, token: Self.listenerToken) }
        }
        let expired = connections.values.filter { connection in connection.deadline.map { $0 <= now } ?? false }
        for connection in expired where connections[connection.fd] === connection {
            switch connection.phase {
            case .waiting, .closing:
                close(connection)
            case .readingHead, .readingBody:
                expire(connection, status: stopDeadline == nil ? .requestTimeout : .serviceUnavailable)
            case .handling:
                break
            }
        }
    }

    /// Tells a connection it took too long (or must make room) as far as the socket takes it, then drops it.
    private func expire(_ connection: HTTPConnection, status: HTTPStatus) {
        Socket.sendAll(connection.fd, Self.refusal(status), deadline: nil)
        let line = connection.requestLine
        server.log(method: line.method, path: line.path, status: status, since: connection.requestStart)
        close(connection)
    }

    private func beginStopping(_ deadline: ContinuousClock.Instant) {
        stopDeadline = deadline
        closeListener()
        for connection in Array(connections.values) {
            switch connection.phase {
            case .waiting:
                close(connection)
            case .readingHead, .readingBody:
                connection.deadline = min(connection.deadline ?? deadline, deadline)
            case .handling, .closing:
                break
            }
        }
    }

    /// Writes `response` from the loop (an error, a refusal) with `Connection: close`, then closes gracefully.
    private func finish(_ connection: HTTPConnection, with response: HTTPResponse) {
        let bytes = ResponseSerializer.serialize(
            response, omitBody: connection.head?.method == "HEAD", keepAlive: false,
            requestVersion: connection.head?.version ?? .http1_1)
        Socket.sendAll(connection.fd, bytes, deadline: nil)
        let line = connection.requestLine
        server.log(method: line.method, path: line.path, status: response.status, since: connection.requestStart)
        beginClosing(connection)
    }

    /// Sends FIN after the response and discards input for a short while (until EOF, ``lingerTime`` or
    /// ``lingerBytes``), so that unread request bytes do not turn the close into a reset that could destroy the
    /// response before the client reads it.
    private func beginClosing(_ connection: HTTPConnection) {
        leavePending(connection)
        releaseBudget(connection)
        Socket.shutdownWrite(connection.fd)
        guard !connection.peerClosed else {
            close(connection)
            return
        }
        watch(connection)
        connection.phase = .closing
        connection.discarded = 0
        connection.deadline = .now + min(Self.lingerTime, configuration.headTimeout)
    }

    private func close(_ connection: HTTPConnection) {
        leavePending(connection)
        releaseBudget(connection)
        close(connection.fd)  // also removes it from the poller
        connections[connection.fd] = nil
        server.openConnections.subtract(1, ordering: .relaxed)
    }

    private func close(_ fd: Int32) {
        #if canImport(Glibc)
        _ = Glibc.close(fd)
        #else
        _ = Darwin.close(fd)
        #endif
    }

    private func releaseBudget(_ connection: HTTPConnection) {
        bodyBudget.release(connection.reservedBodyBytes)
        connection.reservedBodyBytes = 0
    }

    private func watch(_ connection: HTTPConnection) {
        guard !connection.watched else { return }
        connection.watched = poller.add(connection.fd, token: connection.token)
    }

    private func unwatch(_ connection: HTTPConnection) {
        guard connection.watched else { return }
        poller.remove(connection.fd)
        connection.watched = false
    }

    /// The bytes of a short refusal the loop writes itself, with `Retry-After: 1` where retrying makes sense.
    private static func refusal(_ status: HTTPStatus) -> [UInt8] {
        var response = HTTPResponse.status(status)
        if status == .serviceUnavailable || status == .tooManyRequests {
            response.headers.set(name: "Retry-After", value: "1")
        }
        return ResponseSerializer.serialize(response, omitBody: false, keepAlive: false, requestVersion: .http1_1)
    }
}

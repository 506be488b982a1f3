#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Serves one accepted connection on the current thread until it closes.
struct HTTPConnection {
    private let fd: Int32
    private let server: HTTPServer
    private let wakeFD: Int32
    private var parser: HTTPRequestParser
    /// When the first byte of the request being read (or answered) arrived.
    private var requestStart: ContinuousClock.Instant?
    /// The head of the request in progress, once parsed (for logging errors).
    private var currentHead: HTTPRequestHead?
    private var readBuffer = [UInt8](repeating: 0, count: 64 * 1024)
    /// When the connection was accepted; a fresh connection must send its first request within the read timeout.
    private let acceptedAt = ContinuousClock.now
    /// Whether a response has been written (afterwards, waiting between requests uses the idle timeout).
    private var hasResponded = false

    init(fd: Int32, server: HTTPServer, wakeFD: Int32) {
        self.fd = fd
        self.server = server
        self.wakeFD = wakeFD
        self.parser = HTTPRequestParser(limits: server.configuration.limits)
    }

    /// Runs the read–parse–respond loop, then closes the socket.
    mutating func run() {
        Socket.configureConnection(fd, writeTimeout: server.configuration.writeTimeout)
        let graceful = serve()
        if graceful {
            Socket.lingeringClose(fd, linger: min(server.configuration.readTimeout, .seconds(1)))
        } else {
            close(fd)
        }
    }

    /// Returns whether to close gracefully (a response was written and the peer may still be reading).
    private mutating func serve() -> Bool {
        while true {
            let event: HTTPParserEvent?
            do {
                event = try parser.next()
            } catch {
                let response = HTTPResponse.text(status: error.status, "\(error.status): \(error)\n")
                write(response, omitBody: false, keepAlive: false, version: currentHead?.version ?? .http1_1)
                return true
            }
            switch event {
            case .head(let head):
                currentHead = head
                if head.expectsContinue, !Socket.sendAll(fd, ResponseSerializer.continueBytes) {
                    return false
                }
            case .request(let request):
                let response = server.handler(request)
                let keepAlive = request.keepAlive && server.shutdownDeadline == nil
                    && !response.headers.hasToken("close", in: "connection")
                let written = write(
                    response, omitBody: request.method == "HEAD", keepAlive: keepAlive, version: request.version)
                guard written else { return false }
                guard keepAlive else { return true }
                hasResponded = true
                currentHead = nil
                requestStart = parser.isIdle ? nil : .now
            case nil:
                switch readMore() {
                case .continue: break
                case .close: return false
                }
            }
        }
    }

    private enum ReadOutcome {
        case `continue`
        case close
    }

    private mutating func readMore() -> ReadOutcome {
        let configuration = server.configuration
        let stopDeadline = server.shutdownDeadline
        let idle = parser.isIdle
        if idle, stopDeadline != nil { return .close }  // shutting down: idle keep-alive connections go now
        var deadline: ContinuousClock.Instant
        if idle {
            deadline = hasResponded ? .now + configuration.idleTimeout : acceptedAt + configuration.readTimeout
        } else {
            deadline = (requestStart ?? .now) + configuration.readTimeout
            if let stopDeadline { deadline = min(deadline, stopDeadline) }
        }
        switch Socket.waitReadable(fd, wake: stopDeadline == nil ? wakeFD : nil, deadline: deadline) {
        case .woken:
            return .continue  // re-evaluated above with the shutdown deadline
        case .failed:
            return .close
        case .timedOut:
            if idle { return .close }
            // A slow or stalled request: say so if the socket will take it, then drop the connection.
            let status: HTTPStatus = stopDeadline == nil ? .requestTimeout : .serviceUnavailable
            let bytes = ResponseSerializer.serialize(
                .status(status), omitBody: false, keepAlive: false, requestVersion: .http1_1)
            Socket.sendBestEffort(fd, bytes)
            log(status: status)
            return .close
        case .readable:
            switch Socket.receive(fd, into: &readBuffer) {
            case .bytes(let count):
                if count > 0 {
                    parser.append(readBuffer[0..<count])
                    if requestStart == nil { requestStart = .now }
                }
                return .continue
            case .endOfFile, .failed:
                return .close
            }
        }
    }

    /// Writes a final response and reports it to the access log. Returns `false` if the write failed.
    @discardableResult
    private mutating func write(
        _ response: HTTPResponse, omitBody: Bool, keepAlive: Bool, version: HTTPVersion
    ) -> Bool {
        let bytes = ResponseSerializer.serialize(
            response, omitBody: omitBody, keepAlive: keepAlive, requestVersion: version)
        let written = Socket.sendAll(fd, bytes)
        log(status: response.status)
        return written
    }

    private func log(status: HTTPStatus) {
        guard let accessLog = server.accessLog else { return }
        var micros: Int64 = 0
        if let requestStart {
            let (seconds, attoseconds) = (ContinuousClock.now - requestStart).components
            micros = seconds * 1_000_000 + attoseconds / 1_000_000_000_000
        }
        let line = currentHead.map { ($0.method, $0.path) } ?? parser.currentRequestLine
        accessLog(HTTPAccessLogEntry(
            method: line?.0 ?? "", path: line?.1 ?? "", status: status, durationMicroseconds: micros))
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import HTTP

private func posixClose(_ fd: Int32) {
    _ = close(fd)
}

private func posixSend(_ fd: Int32, _ pointer: UnsafeRawPointer?, _ count: Int) -> Int {
    #if canImport(Glibc)
    send(fd, pointer, count, Int32(MSG_NOSIGNAL))
    #else
    send(fd, pointer, count, 0)
    #endif
}

/// Errors from ``RawClient``.
enum RawClientError: Error, Equatable {
    case connectFailed(Int32)
    case sendFailed(Int32)
    case timedOut
    case closed
    case malformed(String)
}

/// A parsed response as seen on the wire.
struct RawResponse {
    var status: Int
    var reason: String
    var headers: HTTPHeaders
    var body: [UInt8]
    var text: String { String(decoding: body, as: UTF8.self) }
}

/// A blocking TCP client that sends exact bytes and parses responses, with timeouts so tests never hang.
/// Not thread-safe: use one per test (or per thread).
final class RawClient {
    let fd: Int32
    private var buffer: [UInt8] = []
    private var isOpen = true

    /// Connects to 127.0.0.1:`port` from `source` (any 127.x.y.z: every loopback address is local, so tests can
    /// play several clients' addresses).
    init(port: UInt16, from source: String = "127.0.0.1") throws {
        #if canImport(Glibc)
        fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #else
        fd = socket(AF_INET, SOCK_STREAM, 0)
        #endif
        guard fd >= 0 else { throw RawClientError.connectFailed(errno) }
        var local = sockaddr_in()
        local.sin_family = sa_family_t(AF_INET)
        local.sin_addr.s_addr = inet_addr(source)
        let bound = withUnsafePointer(to: &local) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard bound == 0 else { throw RawClientError.connectFailed(errno) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        // No close here: an initializer that throws after every property is set still runs `deinit`, which closes
        // the socket — closing it here too would close whatever descriptor another thread got the number for.
        guard result == 0 else { throw RawClientError.connectFailed(errno) }
        var one: Int32 = 1
        _ = setsockopt(fd, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
    }

    deinit { close() }

    func close() {
        if isOpen, fd >= 0 {
            isOpen = false
            posixClose(fd)
        }
    }

    func send(_ text: String) throws { try send(Array(text.utf8)) }

    func send(_ bytes: [UInt8]) throws {
        var offset = 0
        while offset < bytes.count {
            let sent = bytes[offset...].withUnsafeBytes { posixSend(fd, $0.baseAddress, $0.count) }
            guard sent > 0 else { throw RawClientError.sendFailed(errno) }
            offset += sent
        }
    }

    /// Reads more bytes into the buffer; returns false at EOF or on reset.
    private func fill(deadline: ContinuousClock.Instant) throws -> Bool {
        var pfd = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
        while true {
            let remaining = deadline - .now
            guard remaining > .zero else { throw RawClientError.timedOut }
            let (seconds, attoseconds) = remaining.components
            let millis = Int32(min(seconds * 1000 + attoseconds / 1_000_000_000_000_000 + 1, 60_000))
            let ready = poll(&pfd, 1, millis)
            if ready < 0, errno == EINTR { continue }
            if ready <= 0 { continue }
            var chunk = [UInt8](repeating: 0, count: 65536)
            let count = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if count > 0 {
                buffer.append(contentsOf: chunk[0..<count])
                return true
            }
            if count < 0, errno == EINTR { continue }
            return false
        }
    }

    /// Reads one response (interim 1xx responses are returned like any other).
    /// - Parameter bodyExpected: pass `false` for responses to HEAD.
    func readResponse(bodyExpected: Bool = true, timeout: Duration = .seconds(5)) throws -> RawResponse {
        let deadline = ContinuousClock.now + timeout
        var headEnd: Int?
        while headEnd == nil {
            headEnd = Self.find([13, 10, 13, 10], in: buffer)
            if headEnd == nil, try !fill(deadline: deadline) { throw RawClientError.closed }
        }
        let headText = String(decoding: buffer[0..<headEnd!], as: UTF8.self)
        buffer.removeFirst(headEnd! + 4)
        var lines = headText.components(separatedBy: "\r\n")
        let statusLine = lines.removeFirst().split(separator: " ", maxSplits: 2).map(String.init)
        guard statusLine.count >= 2, statusLine[0] == "HTTP/1.1", let status = Int(statusLine[1]) else {
            throw RawClientError.malformed(headText)
        }
        var headers = HTTPHeaders()
        for line in lines {
            guard let colon = line.firstIndex(of: ":") else { throw RawClientError.malformed(line) }
            headers.add(
                name: String(line[..<colon]),
                value: String(line[line.index(after: colon)...]).trimmingCharacters(in: .whitespaces))
        }
        var body: [UInt8] = []
        if bodyExpected, status >= 200, status != 204, status != 304 {
            guard let length = headers["content-length"].flatMap(Int.init) else {
                throw RawClientError.malformed("no content-length")
            }
            while buffer.count < length {
                if try !fill(deadline: deadline) { throw RawClientError.closed }
            }
            body = Array(buffer[0..<length])
            buffer.removeFirst(length)
        }
        return RawResponse(
            status: status, reason: statusLine.count > 2 ? statusLine[2] : "", headers: headers, body: body)
    }

    /// Whether the server closes the connection (EOF or reset) within `timeout`; unread data is discarded.
    func waitForClose(timeout: Duration = .seconds(5)) -> Bool {
        let deadline = ContinuousClock.now + timeout
        do {
            while try fill(deadline: deadline) { buffer.removeAll() }
            return true
        } catch {
            return false
        }
    }

    /// Whether nothing arrives (no data, no EOF) within `timeout`.
    func staysSilent(for timeout: Duration) -> Bool {
        do {
            _ = try fill(deadline: .now + timeout)
            return false
        } catch {
            return true
        }
    }

    /// The buffered bytes not yet consumed by `readResponse`.
    var pending: [UInt8] { buffer }

    private static func find(_ needle: [UInt8], in haystack: [UInt8]) -> Int? {
        guard haystack.count >= needle.count else { return nil }
        for start in 0...(haystack.count - needle.count)
        where haystack[start..<(start + needle.count)].elementsEqual(needle) {
            return start
        }
        return nil
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A failure of the benchmark itself (setup, a refused request, a wrong count).
public struct BenchError: Error, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}

/// One keep-alive HTTP/1.1 client connection on a raw blocking socket: the load generator's wire. It writes a
/// prepared request and reads exactly one response (status line, `Content-Length` body), keeping any surplus.
/// Owned by one thread.
final class BenchSocket {
    private let fd: Int32
    private var pending: [UInt8] = []
    private var scratch = [UInt8](repeating: 0, count: 64 * 1024)

    init(port: UInt16) throws {
        #if canImport(Glibc)
        fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #else
        fd = socket(AF_INET, SOCK_STREAM, 0)
        #endif
        guard fd >= 0 else { throw BenchError("socket() failed: errno \(errno)") }
        var one: Int32 = 1
        _ = setsockopt(fd, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
        var timeout = timeval(tv_sec: 60, tv_usec: 0)
        _ = setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        // No close here: `deinit` runs even when this initializer throws, and closes the socket once.
        guard connected == 0 else { throw BenchError("connect to 127.0.0.1:\(port) failed: errno \(errno)") }
    }

    deinit {
        if fd >= 0 { close(fd) }
    }

    /// Sends `request` and returns the status of the response to it.
    func exchange(_ request: [UInt8]) throws -> Int {
        try send(request)
        return try readResponse()
    }

    func send(_ bytes: [UInt8]) throws {
        try bytes.withUnsafeBytes { raw in
            var offset = 0
            while offset < raw.count {
                #if canImport(Glibc)
                let sent = Glibc.send(fd, raw.baseAddress! + offset, raw.count - offset, Int32(MSG_NOSIGNAL))
                #else
                let sent = Darwin.send(fd, raw.baseAddress! + offset, raw.count - offset, 0)
                #endif
                if sent > 0 {
                    offset += sent
                } else if sent < 0, errno == EINTR {
                    continue
                } else {
                    throw BenchError("send failed: errno \(errno)")
                }
            }
        }
    }

    /// Sends a `GET` for `path` and returns the response's status and body.
    func get(_ path: String) throws -> (status: Int, body: [UInt8]) {
        try send(Array("GET \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".utf8))
        var body: [UInt8]? = []
        let status = try readResponse(body: &body)
        return (status, body ?? [])
    }

    /// Reads one response; returns its status code.
    func readResponse() throws -> Int {
        var ignored: [UInt8]?
        return try readResponse(body: &ignored)
    }

    /// Reads one response; returns its status code, its body in `body` unless that is nil.
    private func readResponse(body: inout [UInt8]?) throws -> Int {
        while true {
            if let (status, head, total) = parsedResponse() {
                if pending.count >= total {
                    if body != nil { body = Array(pending[head..<total]) }
                    pending.removeFirst(total)
                    return status
                }
            }
            let count = scratch.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if count > 0 {
                pending.append(contentsOf: scratch[0..<count])
            } else if count < 0, errno == EINTR {
                continue
            } else {
                throw BenchError(count == 0 ? "server closed the connection" : "recv failed: errno \(errno)")
            }
        }
    }

    /// Status, head length and total length (head + body) of the response at the front of `pending`, once its head
    /// is complete.
    private func parsedResponse() -> (Int, Int, Int)? {
        guard pending.count >= 12 else { return nil }
        var end = -1
        var index = 3
        while index < pending.count {
            if pending[index] == 10, pending[index - 1] == 13, pending[index - 2] == 10, pending[index - 3] == 13 {
                end = index + 1
                break
            }
            index += 1
        }
        guard end > 0 else { return nil }
        let head = String(decoding: pending[0..<end], as: UTF8.self)
        let lines = head.split(separator: "\r\n")
        let status = lines.first.flatMap { line in line.split(separator: " ").dropFirst().first.flatMap { Int($0) } } ?? 0
        var length = 0
        for line in lines.dropFirst() where line.lowercased().hasPrefix("content-length:") {
            length = Int(line.dropFirst("content-length:".count).trimmingCharacters(in: .whitespaces)) ?? 0
        }
        return (status, end, end + length)
    }
}

extension Substring {
    fileprivate func trimmingCharacters(in set: Set<Character>) -> Substring {
        var text = self
        while let first = text.first, set.contains(first) { text = text.dropFirst() }
        while let last = text.last, set.contains(last) { text = text.dropLast() }
        return text
    }
}

extension Set where Element == Character {
    fileprivate static let whitespaces: Set<Character> = [" ", "\t"]
}

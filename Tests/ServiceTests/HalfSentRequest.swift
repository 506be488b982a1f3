#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A client that sends the start of a request and then just holds the connection, as a slow or hostile client does;
/// it can also read the server's first status line. Connects from any loopback address (127.x.y.z are all local),
/// so one test can play many clients.
final class HalfSentRequest {
    struct Failure: Error {
        let call: String
        let code: Int32
    }

    private let fd: Int32

    /// Connects to 127.0.0.1:`port` from `source` and sends `start`.
    init(port: Int, from source: String = "127.0.0.1", sending start: String) throws {
        #if canImport(Glibc)
        fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #else
        fd = socket(AF_INET, SOCK_STREAM, 0)
        #endif
        guard fd >= 0 else { throw Failure(call: "socket", code: errno) }
        // From here on `deinit` closes the socket, also when this initializer throws.
        var local = Self.address(source, port: 0)
        var remote = Self.address("127.0.0.1", port: UInt16(port))
        let length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafePointer(to: &local) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) }
        }
        guard bound == 0 else { throw Failure(call: "bind \(source)", code: errno) }
        let connected = withUnsafePointer(to: &remote) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, length) }
        }
        guard connected == 0 else { throw Failure(call: "connect", code: errno) }
        let bytes = Array(start.utf8)
        #if canImport(Glibc)
        let sent = send(fd, bytes, bytes.count, Int32(MSG_NOSIGNAL))
        #else
        let sent = send(fd, bytes, bytes.count, 0)
        #endif
        guard sent == bytes.count else { throw Failure(call: "send", code: errno) }
    }

    deinit { close(fd) }

    /// Whether the server still holds the connection: nothing to read, no close.
    var isOpen: Bool {
        var pfd = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
        return poll(&pfd, 1, 0) == 0
    }

    /// The status code of the first response, waiting up to `milliseconds`; nil if none came.
    func status(waitingUpTo milliseconds: Int32) -> Int? {
        var pfd = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
        guard poll(&pfd, 1, milliseconds) > 0 else { return nil }
        var buffer = [UInt8](repeating: 0, count: 512)
        let count = recv(fd, &buffer, buffer.count, 0)
        guard count > 12 else { return nil }
        return Int(String(decoding: buffer[9..<12], as: UTF8.self))
    }

    private static func address(_ text: String, port: UInt16) -> sockaddr_in {
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr.s_addr = inet_addr(text)
        return address
    }
}

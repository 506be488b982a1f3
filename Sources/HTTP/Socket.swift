#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Thin wrappers over non-blocking POSIX socket calls; deadlines are implemented with `poll(2)`.
enum Socket {
    /// The outcome of a `recv`.
    enum Receive: Equatable {
        /// Bytes were read (0: nothing available right now).
        case bytes(Int)
        case endOfFile
        case failed
    }

    #if canImport(Glibc)
    static let sendFlags = Int32(MSG_NOSIGNAL)
    static let streamType = Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue)
    #else
    static let sendFlags: Int32 = 0
    static let streamType = SOCK_STREAM
    #endif

    /// Reads what is available into `buffer`, without waiting.
    static func receive(_ fd: Int32, into buffer: inout [UInt8]) -> Receive {
        while true {
            let count = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if count > 0 { return .bytes(count) }
            if count == 0 { return .endOfFile }
            if errno == EINTR { continue }
            if errno == EAGAIN || errno == EWOULDBLOCK { return .bytes(0) }
            return .failed
        }
    }

    /// Writes all of `bytes` (never raising SIGPIPE), waiting for the socket to drain until `deadline`; with no
    /// deadline, writes only what fits now (for last-gasp answers: 408, 429, 503). Returns `false` if the peer is
    /// gone, the deadline passed or not everything fitted.
    @discardableResult
    static func sendAll(_ fd: Int32, _ bytes: [UInt8], deadline: ContinuousClock.Instant?) -> Bool {
        bytes.withUnsafeBytes { raw in
            var offset = 0
            while offset < raw.count {
                let sent = send(fd, raw.baseAddress! + offset, raw.count - offset, sendFlags)
                if sent > 0 {
                    offset += sent
                    continue
                }
                guard sent < 0 else { return false }
                if errno == EINTR { continue }
                guard errno == EAGAIN || errno == EWOULDBLOCK, let deadline, waitWritable(fd, until: deadline) else {
                    return false
                }
            }
            return true
        }
    }

    /// Waits until `fd` can take more bytes; `false` when the deadline passes first or `poll` fails.
    private static func waitWritable(_ fd: Int32, until deadline: ContinuousClock.Instant) -> Bool {
        var pfd = pollfd(fd: fd, events: Int16(POLLOUT), revents: 0)
        while true {
            let remaining = deadline - .now
            guard remaining > .zero else { return false }
            let result = poll(&pfd, 1, milliseconds(remaining))
            if result > 0 { return true }
            if result < 0, errno != EINTR { return false }
        }
    }

    /// Makes `fd` non-blocking (and close-on-exec). Returns `false` if `fcntl` fails.
    @discardableResult
    static func makeNonBlocking(_ fd: Int32) -> Bool {
        _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
        let flags = fcntl(fd, F_GETFL)
        return flags >= 0 && fcntl(fd, F_SETFL, flags | O_NONBLOCK) == 0
    }

    /// Applies `TCP_NODELAY` (responses go out in one write; avoid Nagle/delayed-ACK stalls) and, where there is
    /// no `MSG_NOSIGNAL`, `SO_NOSIGPIPE`.
    static func configureConnection(_ fd: Int32) {
        var one: Int32 = 1
        _ = setsockopt(fd, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
        #if !canImport(Glibc)
        _ = setsockopt(fd, SOL_SOCKET, SO_NOSIGPIPE, &one, socklen_t(MemoryLayout<Int32>.size))
        #endif
    }

    /// Sends FIN after the pending data; the peer's further input is still read (and discarded) until it closes.
    static func shutdownWrite(_ fd: Int32) {
        #if canImport(Glibc)
        _ = Glibc.shutdown(fd, Int32(SHUT_WR))
        #else
        _ = Darwin.shutdown(fd, SHUT_WR)
        #endif
    }

    /// `duration` as a poll timeout in whole milliseconds, rounded up, clamped to `1...Int32.max`.
    static func milliseconds(_ duration: Duration) -> Int32 {
        let (seconds, attoseconds) = duration.components
        if seconds >= Int64(Int32.max / 1000) { return Int32.max }
        let millis = seconds * 1000 + (attoseconds + 999_999_999_999_999) / 1_000_000_000_000_000
        return Int32(max(1, millis))
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Thin wrappers over blocking POSIX socket calls, with deadlines implemented by `poll(2)`.
enum Socket {
    /// The outcome of waiting for input.
    enum Wait: Equatable {
        /// The socket has data (or EOF / an error that `recv` will report).
        case readable
        /// The wake-up descriptor became readable (the server is shutting down).
        case woken
        /// The deadline passed.
        case timedOut
        /// `poll` failed.
        case failed
    }

    /// The outcome of a `recv`.
    enum Receive: Equatable {
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

    /// Waits until `fd` is readable, `wake` is readable, or `deadline` passes (`nil`: wait forever).
    static func waitReadable(_ fd: Int32, wake: Int32?, deadline: ContinuousClock.Instant?) -> Wait {
        var fds = [pollfd(fd: fd, events: Int16(POLLIN), revents: 0)]
        if let wake {
            fds.append(pollfd(fd: wake, events: Int16(POLLIN), revents: 0))
        }
        while true {
            let timeout: Int32
            if let deadline {
                let remaining = deadline - .now
                if remaining <= .zero { return .timedOut }
                timeout = milliseconds(remaining)
            } else {
                timeout = -1
            }
            let result = poll(&fds, nfds_t(fds.count), timeout)
            if result < 0 {
                if errno == EINTR { continue }
                return .failed
            }
            if result == 0 { continue }  // re-check the deadline (poll may wake a little early)
            if fds.count > 1, fds[1].revents != 0 { return .woken }
            if fds[0].revents != 0 { return .readable }
        }
    }

    /// Reads into `buffer`.
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

    /// Writes all of `bytes` (never raising SIGPIPE). Returns `false` if the peer is gone or the write timed out.
    @discardableResult
    static func sendAll(_ fd: Int32, _ bytes: [UInt8], extraFlags: Int32 = 0) -> Bool {
        bytes.withUnsafeBytes { raw in
            var offset = 0
            while offset < raw.count {
                let sent = send(fd, raw.baseAddress! + offset, raw.count - offset, sendFlags | extraFlags)
                if sent > 0 {
                    offset += sent
                } else if sent < 0, errno == EINTR {
                    continue
                } else {
                    return false
                }
            }
            return true
        }
    }

    /// Sends what fits without blocking; for last-gasp responses (503 at capacity, 408 on timeout).
    static func sendBestEffort(_ fd: Int32, _ bytes: [UInt8]) {
        sendAll(fd, bytes, extraFlags: Int32(MSG_DONTWAIT))
    }

    /// Closes gracefully: sends FIN after pending data, then discards input for a short while (until EOF,
    /// `linger` or 1 MiB) so that unread request bytes do not turn the close into a reset that could destroy
    /// the response before the client reads it.
    static func lingeringClose(_ fd: Int32, linger: Duration) {
        #if canImport(Glibc)
        _ = Glibc.shutdown(fd, Int32(SHUT_WR))
        #else
        _ = Darwin.shutdown(fd, SHUT_WR)
        #endif
        let deadline = ContinuousClock.now + linger
        var scratch = [UInt8](repeating: 0, count: 16 * 1024)
        var discarded = 0
        while discarded < 1 << 20, waitReadable(fd, wake: nil, deadline: deadline) == .readable {
            guard case .bytes(let count) = receive(fd, into: &scratch), count > 0 else { break }
            discarded += count
        }
        close(fd)
    }

    /// Applies `SO_SNDTIMEO`, `TCP_NODELAY` (responses go out in one write; avoid Nagle/delayed-ACK stalls)
    /// and, where there is no `MSG_NOSIGNAL`, `SO_NOSIGPIPE`.
    static func configureConnection(_ fd: Int32, writeTimeout: Duration) {
        var timeout = timeval(duration: writeTimeout)
        _ = setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var one: Int32 = 1
        _ = setsockopt(fd, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
        #if !canImport(Glibc)
        _ = setsockopt(fd, SOL_SOCKET, SO_NOSIGPIPE, &one, socklen_t(MemoryLayout<Int32>.size))
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

extension timeval {
    /// A `timeval` for `duration` (at least one microsecond, so that it never means "no timeout").
    init(duration: Duration) {
        let (seconds, attoseconds) = duration.components
        let clampedSeconds = max(0, min(seconds, Int64(Int32.max)))
        var micros = max(0, attoseconds / 1_000_000_000_000)
        if clampedSeconds == 0 && micros == 0 { micros = 1 }
        self.init(tv_sec: .init(clampedSeconds), tv_usec: .init(micros))
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
#if os(Linux)
import CEpoll
#endif

/// Readiness of many descriptors at once, level-triggered: epoll(7) on Linux, poll(2) elsewhere.
///
/// Each registered descriptor carries a caller-chosen token that comes back with its events. A descriptor is either
/// registered (watched for input) or not; hang-ups and errors are reported as readable, and the following `recv`
/// says what happened. Used by one thread only (the server's event loop): not `Sendable`.
final class EventPoller {
    /// One ready descriptor.
    struct Event {
        /// The token the descriptor was registered with.
        let token: UInt64
    }

    #if os(Linux)
    private let epollFD: Int32
    private var ready: [epoll_event]
    #else
    private var watched: [Int32: UInt64] = [:]
    #endif

    /// Creates the poller. Throws when the kernel refuses an epoll instance (out of descriptors).
    init(capacity: Int = 256) throws(HTTPServerError) {
        #if os(Linux)
        epollFD = epoll_create1(Int32(EPOLL_CLOEXEC))
        guard epollFD >= 0 else { throw .socketFailed(errno: errno) }
        ready = [epoll_event](repeating: epoll_event(), count: capacity)
        #endif
    }

    deinit {
        #if os(Linux)
        close(epollFD)
        #endif
    }

    /// Starts watching `fd` for input. Returns `false` if the kernel refused (the caller closes the descriptor).
    @discardableResult
    func add(_ fd: Int32, token: UInt64) -> Bool {
        #if os(Linux)
        var event = epoll_event()
        event.events = EPOLLIN.rawValue | EPOLLRDHUP.rawValue
        event.data.u64 = token
        return epoll_ctl(epollFD, EPOLL_CTL_ADD, fd, &event) == 0
        #else
        watched[fd] = token
        return true
        #endif
    }

    /// Stops watching `fd` (before it is closed, or while its input must wait).
    func remove(_ fd: Int32) {
        #if os(Linux)
        var event = epoll_event()
        _ = epoll_ctl(epollFD, EPOLL_CTL_DEL, fd, &event)
        #else
        watched[fd] = nil
        #endif
    }

    /// Waits until a watched descriptor is ready or `timeoutMilliseconds` pass (`-1`: no limit); returns the ready
    /// ones (none on timeout or interruption).
    func wait(timeoutMilliseconds: Int32) -> [Event] {
        #if os(Linux)
        let count = epoll_wait(epollFD, &ready, Int32(ready.count), timeoutMilliseconds)
        guard count > 0 else { return [] }
        return ready[0..<Int(count)].map { Event(token: $0.data.u64) }
        #else
        let entries = Array(watched)
        var fds = entries.map { pollfd(fd: $0.key, events: Int16(POLLIN), revents: 0) }
        guard poll(&fds, nfds_t(fds.count), timeoutMilliseconds) > 0 else { return [] }
        return zip(entries, fds).filter { $0.1.revents != 0 }.map { Event(token: $0.0.value) }
        #endif
    }
}

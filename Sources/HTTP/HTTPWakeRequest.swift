import Synchronization

/// Whether the event loop must look at a connection as soon as its worker has answered — because more input came
/// for it (pipelined requests, the peer closing) while the handler ran. Otherwise a worker that keeps the connection
/// alive hands it back without waking the loop, which picks the answer up when it next wakes anyway (the client's
/// next request, or its periodic check): one wake-up per request instead of two.
final class HTTPWakeRequest: Sendable {
    private let requested = Atomic<Bool>(false)

    /// Asks the worker to wake the loop when it is done (called by the loop).
    func request() { requested.store(true, ordering: .sequentiallyConsistent) }

    /// Forgets an earlier request, before a new exchange starts (called by the loop).
    func reset() { requested.store(false, ordering: .sequentiallyConsistent) }

    /// Whether the loop asked (read by the worker after it posted its completion).
    var isRequested: Bool { requested.load(ordering: .sequentiallyConsistent) }
}

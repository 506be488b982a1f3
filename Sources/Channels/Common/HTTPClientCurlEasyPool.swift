import Synchronization

/// The idle libcurl easy handles of one ``HTTPClient`` (shared by its copies), so that consecutive requests to the
/// same host reuse the connection libcurl keeps alive inside each handle.
///
/// A handle is taken for one transfer and given back afterwards, so no two threads ever use it at once; at most
/// ``capacity`` idle handles are kept, any more are freed.
final class CurlEasyPool: Sendable {
    /// An idle handle. `@unchecked Sendable`: only the pool holds it while it is idle, and ``take()`` hands it to
    /// exactly one transfer (``giveBack(_:)`` takes it as `sending`, so the giver keeps no use of it).
    private struct Idle: @unchecked Sendable {
        let easy: CurlEasy<HTTPClientError>
    }

    /// The most idle handles kept.
    let capacity: Int
    private let idle = Mutex<[Idle]>([])

    init(capacity: Int) {
        self.capacity = capacity
    }

    /// An idle handle, reset to libcurl's defaults (its connections and caches stay), or a new one if none is idle.
    func take() throws(HTTPClientError) -> CurlEasy<HTTPClientError> {
        guard let easy = idle.withLock({ $0.popLast()?.easy }) else { return try CurlEasy() }
        easy.reset()
        return easy
    }

    /// Keeps `easy` for a later request, or frees it when ``capacity`` handles are already idle.
    func giveBack(_ easy: sending CurlEasy<HTTPClientError>) {
        let handle = Idle(easy: easy)
        idle.withLock { handles in
            if handles.count < capacity { handles.append(handle) }
        }
    }
}

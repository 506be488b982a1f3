import Synchronization

/// The bytes of unauthenticated request bodies the server holds at once, shared by the event loop (which reserves a
/// request's share when its head is admitted) and the workers (which give it back as soon as the handler is done,
/// before the response is written — so a client that sends its next request on reading the answer finds the share
/// free again).
final class HTTPBodyBudget: Sendable {
    private let limit: Int
    private let held = Atomic<Int>(0)

    init(limit: Int) {
        self.limit = limit
    }

    /// Reserves `bytes`; false (nothing reserved) when they do not fit beside what is held.
    func reserve(_ bytes: Int) -> Bool {
        var current = held.load(ordering: .relaxed)
        while true {
            guard bytes <= limit - current else { return false }
            let (exchanged, original) = held.compareExchange(
                expected: current, desired: current + bytes, ordering: .acquiringAndReleasing)
            if exchanged { return true }
            current = original
        }
    }

    /// Gives back `bytes` reserved earlier.
    func release(_ bytes: Int) {
        guard bytes > 0 else { return }
        held.subtract(bytes, ordering: .acquiringAndReleasing)
    }
}

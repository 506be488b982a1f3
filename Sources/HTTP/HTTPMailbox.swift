#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Synchronization

/// Carries finished requests from worker threads back to the event loop, and wakes the loop through a pipe it watches
/// when the loop must act at once: one byte per batch, not per completion.
final class HTTPMailbox: Sendable {
    private struct State {
        var completions: [HTTPCompletion] = []
        /// Whether a byte is already in the pipe for the completions waiting here.
        var signalled = false
    }

    private let state = Mutex(State())
    /// The pipe's write end; the event loop owns (and, after every thread has stopped, the server closes) both.
    private let wakeWrite: Int32

    init(wakeWrite: Int32) {
        self.wakeWrite = wakeWrite
    }

    /// Hands `completion` to the event loop, and wakes the loop if `wake` says so once the completion is posted
    /// (posting first, then asking, is what lets ``HTTPWakeRequest`` never miss: see ``HTTPEventLoop``).
    func post(_ completion: HTTPCompletion, wake: () -> Bool) {
        state.withLock { $0.completions.append(completion) }
        guard wake() else { return }
        let ring = state.withLock { state -> Bool in
            defer { state.signalled = true }
            return !state.signalled
        }
        if ring { self.ring() }
    }

    /// Wakes the event loop without a completion (to notice a shutdown).
    func ring() {
        var byte: UInt8 = 1
        _ = write(wakeWrite, &byte, 1)  // a full pipe already wakes the loop
    }

    /// The completions posted so far, in order (called by the event loop).
    func take() -> [HTTPCompletion] {
        state.withLock { state in
            state.signalled = false
            defer { state.completions.removeAll(keepingCapacity: true) }
            return state.completions
        }
    }
}

import Dispatch
import Synchronization

/// Runs jobs on at most `maxThreads` threads, in the order they were submitted. Threads are started only when
/// every running one is busy, and then stay until ``stop()``; a job submitted while all are busy waits its turn.
final class HTTPWorkerPool: Sendable {
    typealias Job = @Sendable () -> Void

    private struct State {
        /// Jobs in order; a taken one is set to nil at once (it may hold a large request), and the front is dropped
        /// in batches rather than one by one.
        var queue: [Job?] = []
        /// Index of the next job to run in `queue`.
        var head = 0
        var threads = 0
        /// Threads waiting for a job, minus jobs already signalled to them: at most 0 means every thread has work.
        var idle = 0
        var stopping = false
    }

    private let maxThreads: Int
    private let state = Mutex(State())
    /// Counts jobs not yet taken (plus one per thread once stopping).
    private let available = DispatchSemaphore(value: 0)
    /// Entered by every worker thread, left when it ends.
    private let group: DispatchGroup

    /// Creates an empty pool; its threads are entered into `group` while they run.
    init(maxThreads: Int, group: DispatchGroup) {
        self.maxThreads = max(1, maxThreads)
        self.group = group
    }

    /// Queues `job`, starting a thread for it if no thread is waiting and the pool is not full.
    /// Returns `false` if no thread can run it (none exists and `pthread_create` failed).
    @discardableResult
    func submit(_ job: @escaping Job) -> Bool {
        let spawn = state.withLock { state -> Bool in
            state.queue.append(job)
            guard state.idle <= 0, state.threads < maxThreads else {
                state.idle -= 1
                return false
            }
            state.threads += 1
            return true
        }
        if spawn {
            group.enter()
            let result = PosixThread.detach { [self] in
                work()
                group.leave()
            }
            if result != 0 {
                group.leave()
                let runnable = state.withLock { state in
                    state.threads -= 1
                    state.idle -= 1
                    if state.threads == 0 { _ = state.queue.popLast() }
                    return state.threads > 0
                }
                guard runnable else { return false }
            }
        }
        available.signal()
        return true
    }

    /// Lets every thread finish the jobs already queued, then end. Returns at once.
    func stop() {
        let threads = state.withLock { state in
            state.stopping = true
            return state.threads
        }
        for _ in 0..<threads { available.signal() }
    }

    private enum Next {
        case run(Job)
        case exit
        case wait
    }

    private func work() {
        while true {
            available.wait()
            let next = state.withLock { state -> Next in
                guard state.head < state.queue.count else {
                    guard state.stopping else { return .wait }
                    state.threads -= 1
                    return .exit
                }
                let job = state.queue[state.head]
                state.queue[state.head] = nil
                state.head += 1
                if state.head == state.queue.count {
                    state.queue.removeAll(keepingCapacity: true)
                    state.head = 0
                } else if state.head >= 64, state.head * 2 >= state.queue.count {
                    state.queue.removeFirst(state.head)
                    state.head = 0
                }
                return job.map(Next.run) ?? .wait
            }
            switch next {
            case .run(let job):
                job()
                state.withLock { $0.idle += 1 }
            case .wait:
                continue
            case .exit:
                return
            }
        }
    }
}

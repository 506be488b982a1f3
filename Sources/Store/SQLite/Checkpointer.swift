import CSQLite
import Foundation

/// Checkpoints the write-ahead log on a thread and a connection of its own, so that no write waits for it
/// (issue 17). SQLite's automatic checkpoint runs inside the commit that pushes the log past 1,000 pages: copying
/// the pages and two `fdatasync`s (several milliseconds here) with the database's lock held, so every request in
/// flight waited for it — the longest waits under load came from there.
///
/// Here the writer's commit only says how long the log is (``walGrew(to:)``); every ``Limits/threshold`` new pages
/// the thread runs a passive checkpoint, which copies what is committed without holding up the writer. Under writes
/// that never pause such a checkpoint never catches the newest commit, and the log restarts from its beginning
/// only after one that did: past ``Limits/limit`` pages the thread therefore finishes with a second checkpoint
/// while holding the writer off (`exclusive`) — short, because the first one copied nearly everything.
///
/// Only for `database.checkpoint = sqlite`: with Litestream nothing of Tandem's checkpoints (``CheckpointMode``).
///
/// `@unchecked Sendable`: `requested`, `stopping`, `started` and `checkpointed` are touched only with `condition`
/// locked; `connection` only on the checkpoint thread.
final class Checkpointer: @unchecked Sendable {
    /// When to checkpoint, in log pages (4 KiB each).
    struct Limits: Sendable {
        /// New log pages that ask for a checkpoint (SQLite's own automatic threshold).
        var threshold = 1_000
        /// Log pages after which a checkpoint finishes with the writer held off, so the log restarts. That step
        /// (the pages written since the passive checkpoint, and two `fdatasync`s: 1–10 ms here, 4 ms on average)
        /// is a stall for every write, and a reader still on the old log can keep the next write from restarting
        /// it, so that it comes again 1,000 pages later. With a limit of 16,000 pages the bench's load (~14 pages a
        /// transaction) met about two stalls a second, and they were the p99 at 2,000 transactions/s (issue 17).
        /// 64,000 pages (a 256 MB log at most between restarts; after a crash, opening reads it once, ~0.5 s)
        /// makes them four times rarer.
        var limit = 64_000
        /// Log pages at which the writer checkpoints itself, inside its commit, as SQLite's automatic checkpoint
        /// would: the bound holds even when the thread gets no time (a machine busy with other work).
        var ceiling = 96_000

        static let standard = Limits()
    }

    let limits: Limits
    private let path: String
    private let synchronous: SynchronousMode
    private let exclusive: @Sendable (() -> Void) -> Void
    private let condition = NSCondition()
    private var requested = false
    private var stopping = false
    private var started = false
    /// Log pages copied into the database by the last checkpoint (0 once the log restarted).
    private var checkpointed = 0
    private let finished = DispatchSemaphore(value: 0)
    private var connection: Connection?

    /// - Parameter exclusive: runs the work it is given with every writer of the database held off.
    init(
        path: String, synchronous: SynchronousMode, limits: Limits = .standard,
        exclusive: @escaping @Sendable (() -> Void) -> Void
    ) {
        self.path = path
        self.limits = limits
        self.synchronous = synchronous
        self.exclusive = exclusive
    }

    /// Called after each commit, on the writer's thread, with the log's length in pages. Starts the thread the
    /// first time a checkpoint is due. True when the log reached ``Limits/ceiling``: the writer must checkpoint now.
    func walGrew(to pages: Int) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        if pages < checkpointed { checkpointed = 0 }  // the log restarted
        guard pages < limits.ceiling else { return true }
        guard pages - checkpointed >= limits.threshold, !requested, !stopping else { return false }
        requested = true
        if !started {
            started = true
            let thread = Thread { [self] in run() }
            thread.name = "checkpoint"
            thread.start()
        }
        condition.signal()
        return false
    }

    /// Ends the thread (after the checkpoint it is running, if any) and closes its connection.
    func stop() {
        condition.lock()
        stopping = true
        let running = started
        condition.signal()
        condition.unlock()
        if running { finished.wait() }
    }

    private func run() {
        condition.lock()
        while true {
            while !requested, !stopping { condition.wait() }
            if stopping { break }
            requested = false
            condition.unlock()
            var copied = checkpoint()
            if let (log, _) = copied, log >= limits.limit {
                exclusive { copied = checkpoint() }
            }
            condition.lock()
            if let (log, done) = copied { checkpointed = done < log ? done : log }
        }
        condition.unlock()
        connection = nil
        finished.signal()
    }

    /// One passive checkpoint: the log's length and how much of it is now in the database, in pages; nil if it
    /// could not run (busy with another checkpointer, the connection could not open — the next request retries).
    private func checkpoint() -> (log: Int, done: Int)? {
        if connection == nil { connection = try? Connection(path: path, synchronous: synchronous) }
        guard let handle = connection?.handle else { return nil }
        var log: Int32 = 0
        var done: Int32 = 0
        guard sqlite3_wal_checkpoint_v2(handle, nil, SQLITE_CHECKPOINT_PASSIVE, &log, &done) == SQLITE_OK else {
            return nil
        }
        return (Int(log), Int(done))
    }
}

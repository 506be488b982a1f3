import Foundation

/// Group commit: writes that arrive while another is running are committed together, in one SQLite transaction,
/// each in its own savepoint. A commit costs more than most writes (the WAL frames, and a sync with
/// `synchronous=FULL`), so under concurrent load this turns many commits into one (issue 9).
///
/// Whoever finds no batch running becomes the leader: it takes every write waiting, runs them, commits, and wakes
/// their callers; the others sleep until their write is done. Each write still commits all or nothing, and its
/// caller returns only after the commit that holds it — or throws, and then nothing of it was kept:
/// - a write that throws is rolled back to its savepoint; the others in the batch go on;
/// - if the commit fails, or SQLite rolled the whole transaction back after an error (full disk, I/O error), every
///   write of the batch that had run throws that error.
///
/// Wake-ups are targeted (issue 17): a finished leader hands the lead to the oldest waiting write first, then wakes
/// exactly the callers of its own batch. No caller wakes only to find its write still waiting (with 32 connections
/// a shared broadcast woke every waiter on every batch, and half of them went straight back to sleep).
///
/// `@unchecked Sendable`: `queue`, `leading` and `recorded` are touched only with `lock` held; a `Write`'s `error` is
/// set by the leader before it signals the write, and read by its caller after.
final class GroupCommit: @unchecked Sendable {
    /// One caller's write, waiting for (or in) a batch.
    final class Write: @unchecked Sendable {
        let body: (Connection) throws -> Void
        var error: (any Error)?
        /// When the caller submitted it (monotonic nanoseconds), for ``WriteTimings``.
        fileprivate var submitted: UInt64 = 0
        /// What the caller is woken for; set with the group's lock held, before `wake` is signalled.
        fileprivate var turn = Turn.waiting
        fileprivate let wake = DispatchSemaphore(value: 0)

        init(_ body: @escaping (Connection) throws -> Void) { self.body = body }
    }

    fileprivate enum Turn {
        case waiting
        /// The write is the next leader: it runs the batch of everything waiting, itself included.
        case lead
        case done
    }

    private let lock = NSLock()
    /// Writes waiting for the next batch, oldest first. Empty whenever `leading` is false.
    private var queue: [Write] = []
    private var leading = false
    /// Touched only with `lock` held, once per batch.
    private var recorded = WriteTimings()

    /// How long writes waited and how long their batches took, since the database opened.
    var timings: WriteTimings {
        lock.lock()
        defer { lock.unlock() }
        return recorded
    }

    /// Runs `write` in the next batch on `connection` and returns once that batch committed (or throws).
    /// `exclusive` must run the work it is given with the connection to itself (the caller's lock held).
    func submit(_ write: Write, exclusive: (() -> Void) -> Void, on connection: Connection) throws {
        write.submitted = DispatchTime.now().uptimeNanoseconds
        lock.lock()
        var batch = [write]
        if leading {
            queue.append(write)
            lock.unlock()
            write.wake.wait()
            if write.turn == .lead {
                lock.lock()
                batch = queue
                queue.removeAll(keepingCapacity: true)
                lock.unlock()
            }
        } else {
            leading = true
            lock.unlock()
        }
        if write.turn != .done {
            var started: UInt64 = 0
            WriterScheduling.leading {
                exclusive {
                    started = DispatchTime.now().uptimeNanoseconds
                    Self.run(batch, on: connection)
                }
            }
            let (next, others) = finish(batch, leader: write, started: started)
            batch.removeAll()
            next?.signal()
            for other in others { other.signal() }
        }
        if let error = write.error { throw error }
    }

    /// Marks a run batch done and hands the lead to the oldest waiting write, if any. Returns whom to wake: the
    /// next leader, then the batch's other callers. Only their semaphores leave here: a woken caller returns, and
    /// its write (which holds its closure) must not outlive that in anyone else's hands.
    private func finish(
        _ batch: [Write], leader: Write, started: UInt64
    ) -> (next: DispatchSemaphore?, others: [DispatchSemaphore]) {
        let committed = DispatchTime.now().uptimeNanoseconds
        lock.lock()
        defer { lock.unlock() }
        recorded.batches += 1
        for write in batch {
            recorded.waiting.record(nanoseconds: started &- min(started, write.submitted))
            recorded.batch.record(nanoseconds: committed &- started)
        }
        var next: DispatchSemaphore?
        if let first = queue.first {
            first.turn = .lead
            next = first.wake
        } else {
            leading = false
        }
        var others: [DispatchSemaphore] = []
        others.reserveCapacity(batch.count)
        for finished in batch {
            finished.turn = .done
            if finished !== leader { others.append(finished.wake) }
        }
        return (next, others)
    }

    /// Runs a batch: one transaction, a savepoint per write when there are several. Writes the transaction lost
    /// (a failed commit, SQLite's own rollback) get its error; those not yet run then go in a new transaction; if
    /// a transaction cannot even begin, every write left gets that error.
    static func run(_ batch: [Write], on connection: Connection) {
        if batch.count == 1 {
            do {
                try connection.transaction { try batch[0].body($0) }
            } catch {
                batch[0].error = error
            }
            return
        }
        var next = 0
        while next < batch.count {
            let first = next
            var kept: [Write] = []
            do {
                try connection.transaction { connection in
                    while next < batch.count {
                        let write = batch[next]
                        next += 1
                        do {
                            try connection.savepoint(write.body)
                            kept.append(write)
                        } catch {
                            write.error = error
                            if connection.isAutocommit { throw error }
                        }
                    }
                }
            } catch {
                for write in kept { write.error = error }
                if next == first {  // the transaction never began (busy, read-only): none of them can run now
                    for write in batch[first...] { write.error = error }
                    return
                }
            }
        }
    }
}

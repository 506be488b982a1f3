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
/// `@unchecked Sendable`: `queue` and `leading` are touched only with `condition` locked; a `Write`'s `outcome` is
/// set by the leader before it marks the write done under that lock, and read by its caller after.
final class GroupCommit: @unchecked Sendable {
    /// One caller's write, waiting for (or in) a batch.
    final class Write: @unchecked Sendable {
        let body: (Connection) throws -> Void
        var error: (any Error)?
        var done = false

        init(_ body: @escaping (Connection) throws -> Void) { self.body = body }
    }

    private let condition = NSCondition()
    private var queue: [Write] = []
    private var leading = false

    /// Runs `write` in the next batch on `connection` and returns once that batch committed (or throws).
    /// `exclusive` must run the work it is given with the connection to itself (the caller's lock held).
    func submit(_ write: Write, exclusive: (() -> Void) -> Void, on connection: Connection) throws {
        condition.lock()
        queue.append(write)
        while !write.done {
            if leading {
                condition.wait()
                continue
            }
            leading = true
            let batch = queue
            queue.removeAll(keepingCapacity: true)
            condition.unlock()
            exclusive { Self.run(batch, on: connection) }
            condition.lock()
            for finished in batch { finished.done = true }
            leading = false
            condition.broadcast()
        }
        condition.unlock()
        if let error = write.error { throw error }
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

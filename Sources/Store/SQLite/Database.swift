import Foundation

/// The service's database: one write connection behind a lock, with migrations applied when opened.
/// Every change goes through `write`: all of it commits or none of it, and concurrent writes share a commit
/// (``GroupCommit``). With `checkpoint: .sqlite` the write-ahead log is checkpointed by a thread of its own
/// (``Checkpointer``), never by a write; ``readConcurrently(_:)`` reads on connections of its own that wait for no
/// writer.
///
/// `@unchecked Sendable`: the mutable state is `connection`, touched solely while `lock` is held, and `idleReaders`,
/// solely while `readerLock` is held (a reader taken from it belongs to its caller until it is given back).
public final class Database: @unchecked Sendable {
    private let connection: Connection
    private let lock: NSLock
    /// Runs the work it is given with the write connection to itself.
    private let exclusive: @Sendable (() -> Void) -> Void
    private let group = GroupCommit()
    private let checkpointer: Checkpointer?
    private let synchronous: SynchronousMode
    private let checkpointMode: CheckpointMode
    /// Read-only connections not in use; one is opened when a caller finds none.
    private var idleReaders: [Connection] = []
    private let readerLock = NSLock()
    /// Idle read-only connections kept open; more callers at once still get one each, closed after use.
    static let keptReaders = 4
    public let path: String

    /// Opens `path` and brings its schema up to date with `migrations`. `checkpoint` says who checkpoints the WAL
    /// (``CheckpointMode``).
    public convenience init(
        path: String, synchronous: SynchronousMode = .full, checkpoint: CheckpointMode = .sqlite,
        migrations: [Migration] = Schema.migrations
    ) throws {
        try self.init(
            path: path, synchronous: synchronous, checkpoint: checkpoint, migrations: migrations,
            checkpointLimits: .standard)
    }

    /// With the checkpoint thread's own limits (tests use smaller ones than a service's log).
    init(
        path: String, synchronous: SynchronousMode, checkpoint: CheckpointMode, migrations: [Migration],
        checkpointLimits: Checkpointer.Limits
    ) throws {
        let connection = try Connection(path: path, synchronous: synchronous, checkpoint: checkpoint)
        try Migrator(migrations: migrations).migrate(connection)
        self.path = path
        self.connection = connection
        self.synchronous = synchronous
        self.checkpointMode = checkpoint
        let lock = NSLock()
        let exclusive: @Sendable (() -> Void) -> Void = { work in
            lock.lock()
            defer { lock.unlock() }
            work()
        }
        self.lock = lock
        self.exclusive = exclusive
        checkpointer = checkpoint == .sqlite && path != ":memory:" && !path.isEmpty
            ? Checkpointer(path: path, synchronous: synchronous, limits: checkpointLimits, exclusive: exclusive) : nil
        if let checkpointer { connection.afterCommit = { checkpointer.walGrew(to: $0) } }
    }

    /// The checkpoint thread and the reader close first: the write connection, closed last, is the one that
    /// checkpoints on close (with `checkpoint: .sqlite`).
    deinit {
        connection.afterCommit = nil
        checkpointer?.stop()
        idleReaders.removeAll()
    }

    /// Runs `body` in a transaction: everything it does commits together or not at all, and this returns only
    /// after the commit. Writes from other threads meanwhile may share the transaction, each in its own savepoint:
    /// one that throws undoes only itself.
    public func write<T>(_ body: (Connection) throws -> T) throws -> T {
        var result: T?
        try withoutActuallyEscaping(body) { body in
            let write = GroupCommit.Write { connection in result = try body(connection) }
            try group.submit(write, exclusive: exclusive, on: connection)
        }
        guard let result else { preconditionFailure("a write that did not throw has a result") }
        return result
    }

    /// How long writes waited to run and how long their batches took, since the database opened (``WriteTimings``).
    public var writeTimings: WriteTimings { group.timings }

    /// Runs `body` on a read-only connection of its own: it sees every committed write and neither waits for a
    /// write nor holds one up (a WAL reader), nor waits for another reader. For reads that run often beside the
    /// writes: the outbox worker's look for due rows, what a delivery needs to know about its row.
    public func readConcurrently<T>(_ body: (Connection) throws -> T) throws -> T {
        // A second connection to ":memory:" would be another database.
        guard path != ":memory:", !path.isEmpty else { return try read(body) }
        let reader = try takeReader()
        defer { giveBack(reader) }
        return try body(reader)
    }

    private func takeReader() throws -> Connection {
        if let idle = readerLock.withLock({ idleReaders.popLast() }) { return idle }
        return try Connection(path: path, synchronous: synchronous, checkpoint: checkpointMode, readOnly: true)
    }

    private func giveBack(_ reader: Connection) {
        readerLock.withLock {
            if idleReaders.count < Self.keptReaders { idleReaders.append(reader) }
        }
    }

    /// Runs `body` outside an explicit transaction (single reads, pragmas).
    public func read<T>(_ body: (Connection) throws -> T) throws -> T {
        lock.lock()
        defer { lock.unlock() }
        return try body(connection)
    }
}

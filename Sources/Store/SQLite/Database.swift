import Foundation

/// The service's database: one write connection behind a lock, with migrations applied when opened.
/// Every change goes through `write`: all of it commits or none of it, and concurrent writes share a commit
/// (``GroupCommit``). With `checkpoint: .sqlite` the write-ahead log is checkpointed by a thread of its own
/// (``Checkpointer``), never by a write; ``readConcurrently(_:)`` reads on a second connection that waits for no
/// writer.
///
/// `@unchecked Sendable`: the mutable state is `connection`, touched solely while `lock` is held, and `reader`,
/// solely while `readerLock` is held.
public final class Database: @unchecked Sendable {
    private let connection: Connection
    private let lock: NSLock
    /// Runs the work it is given with the write connection to itself.
    private let exclusive: @Sendable (() -> Void) -> Void
    private let group = GroupCommit()
    private let checkpointer: Checkpointer?
    private let synchronous: SynchronousMode
    private let checkpointMode: CheckpointMode
    private var reader: Connection?
    private let readerLock = NSLock()
    public let path: String

    /// Opens `path` and brings its schema up to date with `migrations`. `checkpoint` says who checkpoints the WAL
    /// (``CheckpointMode``).
    public init(
        path: String, synchronous: SynchronousMode = .full, checkpoint: CheckpointMode = .sqlite,
        migrations: [Migration] = Schema.migrations
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
            ? Checkpointer(path: path, synchronous: synchronous, exclusive: exclusive) : nil
        if let checkpointer { connection.afterCommit = { checkpointer.walGrew(to: $0) } }
    }

    /// The checkpoint thread and the reader close first: the write connection, closed last, is the one that
    /// checkpoints on close (with `checkpoint: .sqlite`).
    deinit {
        connection.afterCommit = nil
        checkpointer?.stop()
        reader = nil
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

    /// Runs `body` on a read-only connection of its own: it sees every committed write and neither waits for a
    /// write nor holds one up (a WAL reader). For reads that run often beside the writes, such as the outbox
    /// worker's look for due rows. One caller at a time; the connection opens at the first call.
    public func readConcurrently<T>(_ body: (Connection) throws -> T) throws -> T {
        // A second connection to ":memory:" would be another database.
        guard path != ":memory:", !path.isEmpty else { return try read(body) }
        readerLock.lock()
        defer { readerLock.unlock() }
        if reader == nil {
            reader = try Connection(path: path, synchronous: synchronous, checkpoint: checkpointMode, readOnly: true)
        }
        guard let reader else { preconditionFailure("the reader was just opened") }
        return try body(reader)
    }

    /// Runs `body` outside an explicit transaction (single reads, pragmas).
    public func read<T>(_ body: (Connection) throws -> T) throws -> T {
        lock.lock()
        defer { lock.unlock() }
        return try body(connection)
    }
}

import Foundation

/// The service's database: one write connection behind a lock, with migrations applied when opened.
/// Every change goes through `write`, which is one SQLite transaction.
///
/// `@unchecked Sendable`: the only mutable state is `connection`, touched solely while `lock` is held.
public final class Database: @unchecked Sendable {
    private let connection: Connection
    private let lock = NSLock()
    public let path: String

    /// Opens `path` and brings its schema up to date with `migrations`.
    public init(
        path: String, synchronous: SynchronousMode = .full, migrations: [Migration] = Schema.migrations
    ) throws {
        let connection = try Connection(path: path, synchronous: synchronous)
        try Migrator(migrations: migrations).migrate(connection)
        self.path = path
        self.connection = connection
    }

    /// Runs `body` in one transaction: everything it does commits together or not at all.
    public func write<T>(_ body: (Connection) throws -> T) throws -> T {
        lock.lock()
        defer { lock.unlock() }
        return try connection.transaction(body)
    }

    /// Runs `body` outside an explicit transaction (single reads, pragmas).
    public func read<T>(_ body: (Connection) throws -> T) throws -> T {
        lock.lock()
        defer { lock.unlock() }
        return try body(connection)
    }
}

/// One schema change, identified by an ever-increasing version.
public struct Migration: Sendable {
    public let version: Int
    public let name: String
    public let sql: String

    public init(version: Int, name: String, sql: String) {
        self.version = version
        self.name = name
        self.sql = sql
    }
}

/// Applies pending migrations in version order, each inside its own transaction, recording them in
/// `schema_migrations`. Each area of the schema numbers its own range, so a migration is pending when its version
/// was never applied — not only when it is above the highest applied one.
public struct Migrator: Sendable {
    public let migrations: [Migration]

    public init(migrations: [Migration]) {
        precondition(Set(migrations.map(\.version)).count == migrations.count, "migration versions must be unique")
        self.migrations = migrations.sorted { $0.version < $1.version }
    }

    /// Applies every migration the database has not had; refuses a database that had one this Tandem does not know
    /// (it comes from a newer Tandem).
    public func migrate(_ connection: Connection) throws {
        try connection.execute("""
            CREATE TABLE IF NOT EXISTS schema_migrations (
                version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL DEFAULT (datetime('now')))
            """)
        let applied = Set(try connection.query("SELECT version FROM schema_migrations").map { $0.int("version") })
        if let unknown = applied.subtracting(migrations.map(\.version)).max() {
            throw StoreError(
                message: "database schema version \(unknown) comes from a newer Tandem", operation: "migrate")
        }
        for migration in migrations where !applied.contains(migration.version) {
            do {
                try connection.transaction { connection in
                    try connection.execute(migration.sql)
                    try connection.run(
                        "INSERT INTO schema_migrations (version, name) VALUES (?, ?)", [migration.version, migration.name])
                }
            } catch let error as StoreError {
                throw StoreError(
                    code: error.code, message: "migration \(migration.version) \(migration.name): \(error.message)",
                    operation: "migrate", sql: error.sql)
            }
        }
    }
}

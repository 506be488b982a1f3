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

/// Applies pending migrations in order, each inside its own transaction, recording them in `schema_migrations`.
public struct Migrator: Sendable {
    public let migrations: [Migration]

    public init(migrations: [Migration]) {
        precondition(
            zip(migrations, migrations.dropFirst()).allSatisfy { $0.version < $1.version },
            "migrations must be in increasing version order")
        self.migrations = migrations
    }

    /// Applies every migration newer than the database's; refuses a database from a newer Tandem.
    public func migrate(_ connection: Connection) throws {
        try connection.execute("""
            CREATE TABLE IF NOT EXISTS schema_migrations (
                version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL DEFAULT (datetime('now')))
            """)
        let applied = try connection.query("SELECT COALESCE(MAX(version), 0) AS v FROM schema_migrations").first?.int("v") ?? 0
        if let newest = migrations.last?.version, applied > newest {
            throw StoreError(
                code: -1, message: "database schema version \(applied) is newer than this Tandem (\(newest))",
                operation: "migrate")
        }
        for migration in migrations where migration.version > applied {
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

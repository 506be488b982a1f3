import CSQLite

/// Online backups with SQLite's backup API: a consistent copy taken while the service keeps writing, and a check
/// of a copy before it is restored.
public enum Backup {
    /// Copies the database at `source` to `destination` (replaced; created with mode 0600), page batch by page
    /// batch, without stopping writers for long; returns the number of pages copied. The copy is a single file
    /// (rollback journal mode): it can be moved or archived alone. Reading the source never checkpoints it.
    @discardableResult
    public static func copy(from source: String, to destination: String, pagesPerStep: Int32 = 256) throws(StoreError)
        -> Int
    {
        var from: OpaquePointer?
        var to: OpaquePointer?
        defer {
            sqlite3_close_v2(from)
            sqlite3_close_v2(to)
        }
        guard sqlite3_open_v2(source, &from, SQLITE_OPEN_READONLY, nil) == SQLITE_OK else {
            throw StoreError(
                code: .init(rawValue: sqlite3_errcode(from)), message: "cannot open \(source)", operation: "backup")
        }
        PrivateFile.createIfMissing(destination)
        guard sqlite3_open_v2(destination, &to, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nil) == SQLITE_OK else {
            throw StoreError(
                code: .init(rawValue: sqlite3_errcode(to)), message: "cannot create \(destination)",
                operation: "backup")
        }
        sqlite3_busy_timeout(from, 5_000)
        guard let backup = sqlite3_backup_init(to, "main", from, "main") else {
            throw StoreError(
                code: .init(rawValue: sqlite3_errcode(to)), message: String(cString: sqlite3_errmsg(to)),
                operation: "backup")
        }
        var rc: Int32
        repeat {
            rc = sqlite3_backup_step(backup, pagesPerStep)
            if rc == SQLITE_BUSY || rc == SQLITE_LOCKED { sqlite3_sleep(20) }
        } while rc == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED
        let pages = Int(sqlite3_backup_pagecount(backup))
        sqlite3_backup_finish(backup)
        guard rc == SQLITE_DONE else {
            throw StoreError(
                code: .init(rawValue: rc), message: String(cString: sqlite3_errstr(rc)), operation: "backup")
        }
        // The copy took the source's WAL mode: make it one self-contained file, with no -wal or -shm beside it.
        rc = sqlite3_exec(to, "PRAGMA journal_mode = DELETE", nil, nil, nil)
        guard rc == SQLITE_OK else {
            throw StoreError(
                code: .init(rawValue: sqlite3_extended_errcode(to)), message: String(cString: sqlite3_errmsg(to)),
                operation: "backup")
        }
        return pages
    }

    /// What a check of a backup file found.
    public struct Check: Sendable, Equatable {
        public let integrity: String
        public let foreignKeyViolations: Int
        public let schemaVersion: Int

        public var isUsable: Bool { integrity == "ok" && foreignKeyViolations == 0 && schemaVersion > 0 }
    }

    /// Runs `integrity_check`, `foreign_key_check` and reads the schema version of a copy, read-only.
    public static func check(_ path: String) throws(StoreError) -> Check {
        let connection = try Connection(path: path, readOnly: true)
        let integrity = try connection.query("PRAGMA integrity_check").map { $0.string("integrity_check") }
            .joined(separator: "; ")
        let violations = try connection.query("PRAGMA foreign_key_check").count
        let hasVersions = try !connection.query(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'").isEmpty
        let version = hasVersions
            ? try connection.query("SELECT COALESCE(MAX(version), 0) AS v FROM schema_migrations").first?.int("v") ?? 0 : 0
        return Check(integrity: integrity, foreignKeyViolations: violations, schemaVersion: version)
    }
}

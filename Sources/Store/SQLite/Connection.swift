import CSQLite

/// How hard SQLite syncs to disk at commit. Tandem defaults to `.full`: with WAL, `.normal` survives a
/// process crash but may lose the last commits on power loss, and Tandem acknowledges webhooks after commit.
public enum SynchronousMode: String, Sendable, CaseIterable {
    case off = "OFF", normal = "NORMAL", full = "FULL"
}

/// One SQLite connection: opened, configured (WAL, busy timeout, foreign keys, extended codes, who checkpoints),
/// with a prepared-statement cache keyed by SQL text. Not thread-safe: `Database` owns it behind a lock.
public final class Connection {
    private(set) var handle: OpaquePointer?
    /// Prepared statements by the byte length of their SQL, then by text. Every statement run looks its SQL up, so
    /// the key must be cheap: hashing whole SQL texts cost ~1,100 instructions a look-up (issue 17), while equal
    /// texts from the same literal compare in one step and texts of equal length seldom share a prefix.
    private var cache: [Int: [Statement]] = [:]
    private(set) var isInTransaction = false
    /// Called after each commit with the number of frames in the write-ahead log (``Checkpointer``); when it answers
    /// true the commit runs a passive checkpoint itself before it returns. Setting it replaces SQLite's automatic
    /// checkpoint, which uses the same hook.
    var afterCommit: ((Int) -> Bool)? {
        didSet {
            guard let handle else { return }
            guard afterCommit != nil else {
                sqlite3_wal_hook(handle, nil, nil)
                return
            }
            sqlite3_wal_hook(handle, { context, database, _, pages in
                guard let context else { return SQLITE_OK }
                if Unmanaged<Connection>.fromOpaque(context).takeUnretainedValue().afterCommit?(Int(pages)) == true {
                    sqlite3_wal_checkpoint_v2(database, nil, SQLITE_CHECKPOINT_PASSIVE, nil, nil)
                }
                return SQLITE_OK
            }, Unmanaged.passUnretained(self).toOpaque())
        }
    }

    /// SQLite's process-wide settings, made once before the first connection opens: no statistics of its memory
    /// allocations, which nothing reads. With them every allocation took a global mutex and updated counters: ~5 %
    /// of the single writer's instructions under load (issue 17).
    private static let configureLibrary: Void = { _ = tandem_sqlite_without_memory_statistics() }()

    /// Opens (creating if needed, mode 0600) the file at `path` and applies Tandem's settings. The journal mode is
    /// set to WAL only when it is not WAL already (a replicator watching the file sees no change).
    public init(
        path: String, synchronous: SynchronousMode = .full, checkpoint: CheckpointMode = .sqlite,
        readOnly: Bool = false
    ) throws(StoreError) {
        if !readOnly, path != ":memory:", !path.isEmpty { PrivateFile.createIfMissing(path) }
        Self.configureLibrary
        var db: OpaquePointer?
        let flags = (readOnly ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE)
            | SQLITE_OPEN_NOMUTEX
        let rc = sqlite3_open_v2(path, &db, flags, nil)
        guard rc == SQLITE_OK, let db else {
            let message = db.map { String(cString: sqlite3_errmsg($0)) } ?? "out of memory"
            sqlite3_close_v2(db)
            throw StoreError(code: .init(rawValue: rc), message: "\(message) (\(path))", operation: "open")
        }
        handle = db
        sqlite3_extended_result_codes(db, 1)
        sqlite3_busy_timeout(db, 5_000)
        try execute("PRAGMA foreign_keys = ON")
        // Savepoints (one per write sharing a group commit) keep the pages they change in a statement journal, and
        // sorts and temporary indexes need room too: in memory, not in temporary files. On disk that was half of the
        // service's pwrite(2) calls under load (issue 17: two for each page a savepoint kept), and a deleted
        // temporary file can still hold what a participant wrote.
        try execute("PRAGMA temp_store = MEMORY")
        if checkpoint == .litestream {
            try execute("PRAGMA wal_autocheckpoint = 0")
            tandem_sqlite_no_checkpoint_on_close(db)
        }
        if !readOnly, try query("PRAGMA journal_mode").first?.string("journal_mode").lowercased() != "wal" {
            let mode = try query("PRAGMA journal_mode = WAL").first?.string("journal_mode")
            guard mode?.lowercased() == "wal" || path == ":memory:" else {
                throw StoreError(message: "WAL mode was refused (got \(mode ?? "nothing"))", operation: "open")
            }
        }
        try execute("PRAGMA synchronous = \(synchronous.rawValue)")
    }

    deinit {
        cache.removeAll()
        if afterCommit != nil { sqlite3_wal_hook(handle, nil, nil) }
        sqlite3_close_v2(handle)
    }

    /// Runs SQL text with no parameters, possibly several statements (migrations, pragmas).
    public func execute(_ sql: String) throws(StoreError) {
        var message: UnsafeMutablePointer<CChar>?
        let rc = sqlite3_exec(handle, sql, nil, nil, &message)
        if rc != SQLITE_OK {
            let text = message.map { String(cString: $0) } ?? "error \(rc)"
            sqlite3_free(message)
            throw StoreError(
                code: .init(rawValue: sqlite3_extended_errcode(handle)), message: text, operation: "execute", sql: sql)
        }
    }

    /// Runs one statement with bound arguments and returns its rows.
    @discardableResult
    public func query(_ sql: String, _ arguments: [any SQLBindable] = []) throws(StoreError) -> [Row] {
        try statement(sql).run(arguments.map(\.sqlValue))
    }

    /// Runs one statement with bound arguments, for its effect.
    public func run(_ sql: String, _ arguments: [any SQLBindable] = []) throws(StoreError) {
        _ = try statement(sql).run(arguments.map(\.sqlValue))
    }

    /// The rowid of the last successful INSERT on this connection.
    public var lastInsertRowID: Int64 { sqlite3_last_insert_rowid(handle) }

    /// Rows changed by the last INSERT, UPDATE or DELETE.
    public var changes: Int { Int(sqlite3_changes(handle)) }

    /// Runs `body` inside `BEGIN IMMEDIATE … COMMIT`; any thrown error rolls everything back.
    public func transaction<T>(_ body: (Connection) throws -> T) throws -> T {
        precondition(!isInTransaction, "transactions do not nest")
        try run("BEGIN IMMEDIATE")
        isInTransaction = true
        defer { isInTransaction = false }
        do {
            let result = try body(self)
            try run("COMMIT")
            return result
        } catch {
            if !isAutocommit { try? run("ROLLBACK") }
            throw error
        }
    }

    private func statement(_ sql: String) throws(StoreError) -> Statement {
        let length = sql.utf8.count
        if let cached = cache[length]?.first(where: { $0.sql == sql }) { return cached }
        guard let handle else { throw StoreError(message: "connection closed", operation: "prepare", sql: sql) }
        let statement = try Statement(connection: handle, sql: sql)
        cache[length, default: []].append(statement)
        return statement
    }
}

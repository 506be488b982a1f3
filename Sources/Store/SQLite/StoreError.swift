/// A failed SQLite call: what we were doing, SQLite's result code and message, and the SQL.
public struct StoreError: Error, Sendable, CustomStringConvertible {
    /// SQLite's extended result code (e.g. ``SQLiteResultCode/constraintUnique``); nil when the wrapper itself
    /// refused (a wrong argument count, a closed connection, a schema from a newer Tandem).
    public let code: SQLiteResultCode?
    public let message: String
    /// What the wrapper was doing: "open", "prepare", "step", "bind", "migrate", ….
    public let operation: String
    public let sql: String?

    public init(code: SQLiteResultCode? = nil, message: String, operation: String, sql: String? = nil) {
        self.code = code
        self.message = message
        self.operation = operation
        self.sql = sql
    }

    /// A unique key, foreign key, check or NOT NULL constraint failed.
    public var isConstraintViolation: Bool { code?.primary == .constraint }
    /// Another writer held the database longer than the busy timeout (SQLITE_BUSY, SQLITE_LOCKED).
    public var isBusy: Bool { code?.primary == .busy || code?.primary == .locked }
    /// The disk, not the request, is the problem: full, read-only, an I/O error, or the file cannot be opened.
    public var isStorageUnavailable: Bool {
        guard let primary = code?.primary else { return false }
        return [.full, .readOnly, .ioError, .cantOpen].contains(primary)
    }

    public var description: String {
        "SQLite \(operation) failed" + (code.map { " (\($0.rawValue))" } ?? "") + ": \(message)"
            + (sql.map { " — in: \($0.prefix(200))" } ?? "")
    }
}

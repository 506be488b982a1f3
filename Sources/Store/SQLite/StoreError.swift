/// A failed SQLite call: what we were doing, SQLite's extended result code and message, and the SQL.
public struct StoreError: Error, Sendable, CustomStringConvertible {
    /// SQLite extended result code (e.g. 2067 = SQLITE_CONSTRAINT_UNIQUE), or -1 for wrapper errors.
    public let code: Int32
    public let message: String
    /// What the wrapper was doing: "open", "prepare", "step", "bind", "migrate", ….
    public let operation: String
    public let sql: String?

    public init(code: Int32, message: String, operation: String, sql: String? = nil) {
        self.code = code
        self.message = message
        self.operation = operation
        self.sql = sql
    }

    /// Primary result code (low byte of the extended code).
    public var primaryCode: Int32 { code & 0xFF }
    /// SQLITE_CONSTRAINT: a unique key, foreign key or check failed.
    public var isConstraintViolation: Bool { primaryCode == 19 }
    /// SQLITE_BUSY / SQLITE_LOCKED.
    public var isBusy: Bool { primaryCode == 5 || primaryCode == 6 }
    /// SQLITE_FULL, SQLITE_READONLY, SQLITE_IOERR, SQLITE_CANTOPEN: the disk, not the request, is the problem.
    public var isStorageUnavailable: Bool { [13, 8, 10, 14].contains(primaryCode) }

    public var description: String {
        "SQLite \(operation) failed (\(code)): \(message)" + (sql.map { " — in: \($0.prefix(200))" } ?? "")
    }
}

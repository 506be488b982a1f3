import CSQLite

/// A result code SQLite returned: an extended code (`SQLITE_CONSTRAINT_UNIQUE`) whose low byte is its primary code
/// (`SQLITE_CONSTRAINT`). Compare primary codes with ``primary``: `error.code?.primary == .constraint`.
public struct SQLiteResultCode: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    /// The number SQLite returned (extended result codes are on for every connection).
    public let rawValue: Int32

    public init(rawValue: Int32) { self.rawValue = rawValue }

    /// The primary code this extended code refines (itself when it is a primary code).
    public var primary: SQLiteResultCode { SQLiteResultCode(rawValue: rawValue & 0xFF) }

    /// SQLite's English text for the code with its number, e.g. `constraint failed (2067)`.
    public var description: String { "\(String(cString: sqlite3_errstr(rawValue))) (\(rawValue))" }

    // MARK: - Primary codes Tandem tells apart

    /// SQLITE_ERROR: a generic error (a syntax error, a missing table).
    public static let error = Self(rawValue: SQLITE_ERROR)
    /// SQLITE_BUSY: another connection holds the lock longer than the busy timeout.
    public static let busy = Self(rawValue: SQLITE_BUSY)
    /// SQLITE_LOCKED: a conflict inside this process (a table locked by another statement).
    public static let locked = Self(rawValue: SQLITE_LOCKED)
    /// SQLITE_READONLY: the file or the directory cannot be written.
    public static let readOnly = Self(rawValue: SQLITE_READONLY)
    /// SQLITE_IOERR: the operating system reported an I/O error.
    public static let ioError = Self(rawValue: SQLITE_IOERR)
    /// SQLITE_CORRUPT: the file is damaged.
    public static let corrupt = Self(rawValue: SQLITE_CORRUPT)
    /// SQLITE_FULL: the disk (or `max_page_count`) is full.
    public static let full = Self(rawValue: SQLITE_FULL)
    /// SQLITE_CANTOPEN: the file cannot be opened.
    public static let cantOpen = Self(rawValue: SQLITE_CANTOPEN)
    /// SQLITE_CONSTRAINT: a unique key, foreign key, check or NOT NULL constraint failed.
    public static let constraint = Self(rawValue: SQLITE_CONSTRAINT)
    /// SQLITE_NOTADB: the file is not an SQLite database.
    public static let notADatabase = Self(rawValue: SQLITE_NOTADB)

    // MARK: - Extended codes

    /// The extended code `number` of this primary code: `primary | number << 8` (sqlite3.h's macros, which Swift
    /// cannot import).
    private func extended(_ number: Int32) -> SQLiteResultCode { SQLiteResultCode(rawValue: rawValue | number << 8) }

    /// SQLITE_CONSTRAINT_UNIQUE: a UNIQUE index refused a duplicate.
    public static let constraintUnique = constraint.extended(8)
    /// SQLITE_CONSTRAINT_PRIMARYKEY: a duplicate primary key.
    public static let constraintPrimaryKey = constraint.extended(6)
    /// SQLITE_CONSTRAINT_FOREIGNKEY: a row points at a row that does not exist.
    public static let constraintForeignKey = constraint.extended(3)
    /// SQLITE_CONSTRAINT_CHECK: a CHECK constraint failed.
    public static let constraintCheck = constraint.extended(1)
    /// SQLITE_CONSTRAINT_NOTNULL: NULL where the column forbids it.
    public static let constraintNotNull = constraint.extended(5)
}

import CSQLite

/// A prepared statement. Owned by one `Connection`, finalized in `deinit`; never shared across threads.
final class Statement {
    let handle: OpaquePointer
    let sql: String
    private let connection: OpaquePointer
    private lazy var columnIndex: [String: Int] = {
        var map: [String: Int] = [:]
        for i in 0..<sqlite3_column_count(handle) {
            map[String(cString: sqlite3_column_name(handle, i))] = Int(i)
        }
        return map
    }()

    init(connection: OpaquePointer, sql: String) throws(StoreError) {
        var statement: OpaquePointer?
        let rc = sqlite3_prepare_v3(connection, sql, -1, UInt32(SQLITE_PREPARE_PERSISTENT), &statement, nil)
        guard rc == SQLITE_OK, let statement else {
            sqlite3_finalize(statement)
            throw StoreError(
                code: .init(rawValue: sqlite3_extended_errcode(connection)),
                message: String(cString: sqlite3_errmsg(connection)), operation: "prepare", sql: sql)
        }
        self.handle = statement
        self.sql = sql
        self.connection = connection
    }

    deinit { sqlite3_finalize(handle) }

    /// Binds the arguments, runs to completion and returns every row. Resets the statement afterwards.
    func run(_ arguments: [SQLValue]) throws(StoreError) -> [Row] {
        defer {
            sqlite3_reset(handle)
            sqlite3_clear_bindings(handle)
        }
        try bind(arguments)
        var rows: [Row] = []
        while true {
            let rc = sqlite3_step(handle)
            if rc == SQLITE_DONE { return rows }
            guard rc == SQLITE_ROW else { throw error("step") }
            rows.append(readRow())
        }
    }

    private func bind(_ arguments: [SQLValue]) throws(StoreError) {
        let expected = Int(sqlite3_bind_parameter_count(handle))
        guard expected == arguments.count else {
            throw StoreError(
                message: "expected \(expected) arguments, got \(arguments.count)", operation: "bind", sql: sql)
        }
        for (offset, value) in arguments.enumerated() {
            let index = Int32(offset + 1)
            let rc: Int32
            switch value {
            case .null: rc = sqlite3_bind_null(handle, index)
            case .integer(let v): rc = sqlite3_bind_int64(handle, index, v)
            case .real(let v): rc = sqlite3_bind_double(handle, index, v)
            case .text(var s):
                // With its byte length, not NUL-terminated: text containing NUL is stored whole. SQLite copies it.
                // An empty text needs a real pointer: a NULL one would bind NULL.
                rc = s.isEmpty
                    ? sqlite3_bind_text64(handle, index, "", 0, tandem_sqlite_transient(), UInt8(SQLITE_UTF8))
                    : s.withUTF8 { buffer in
                        buffer.withMemoryRebound(to: CChar.self) { text in
                            sqlite3_bind_text64(
                                handle, index, text.baseAddress, UInt64(text.count), tandem_sqlite_transient(),
                                UInt8(SQLITE_UTF8))
                        }
                    }
            case .blob(let b):
                rc = b.withUnsafeBytes { raw in
                    sqlite3_bind_blob64(handle, index, raw.baseAddress, sqlite3_uint64(raw.count), tandem_sqlite_transient())
                }
            }
            guard rc == SQLITE_OK else { throw error("bind") }
        }
    }

    private func readRow() -> Row {
        let count = sqlite3_column_count(handle)
        var values: [SQLValue] = []
        values.reserveCapacity(Int(count))
        for i in 0..<count {
            switch sqlite3_column_type(handle, i) {
            case SQLITE_INTEGER: values.append(.integer(sqlite3_column_int64(handle, i)))
            case SQLITE_FLOAT: values.append(.real(sqlite3_column_double(handle, i)))
            case SQLITE_TEXT:
                let length = Int(sqlite3_column_bytes(handle, i))
                let text = sqlite3_column_text(handle, i).map { String(decoding: UnsafeBufferPointer(start: $0, count: length),
                                                                       as: UTF8.self) } ?? ""
                values.append(.text(text))
            case SQLITE_BLOB:
                let length = Int(sqlite3_column_bytes(handle, i))
                if let base = sqlite3_column_blob(handle, i), length > 0 {
                    values.append(.blob(Array(UnsafeRawBufferPointer(start: base, count: length))))
                } else {
                    values.append(.blob([]))
                }
            default: values.append(.null)
            }
        }
        return Row(columns: columnIndex, values: values)
    }

    private func error(_ operation: String) -> StoreError {
        StoreError(
            code: .init(rawValue: sqlite3_extended_errcode(connection)),
            message: String(cString: sqlite3_errmsg(connection)), operation: operation, sql: sql)
    }
}

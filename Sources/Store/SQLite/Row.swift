/// One result row, read by column name with typed accessors.
public struct Row: Sendable {
    let columns: [String: Int]
    /// The row's values in column order.
    public let values: [SQLValue]

    public subscript(_ column: String) -> SQLValue {
        guard let index = columns[column] else { preconditionFailure("no column \(column) in result") }
        return values[index]
    }

    public func int(_ column: String) -> Int { optionalInt(column) ?? 0 }

    public func optionalInt(_ column: String) -> Int? {
        switch self[column] {
        case .integer(let v): return Int(v)
        case .real(let v): return Int(v)
        case .text(let s): return Int(s)
        default: return nil
        }
    }

    public func int64(_ column: String) -> Int64 {
        if case .integer(let v) = self[column] { return v }
        return Int64(optionalInt(column) ?? 0)
    }

    public func string(_ column: String) -> String { optionalString(column) ?? "" }

    public func optionalString(_ column: String) -> String? {
        switch self[column] {
        case .text(let s): return s
        case .integer(let v): return String(v)
        case .real(let v): return String(v)
        case .blob(let b): return String(decoding: b, as: UTF8.self)
        case .null: return nil
        }
    }

    public func bool(_ column: String) -> Bool { int(column) != 0 }

    public func blob(_ column: String) -> [UInt8] {
        switch self[column] {
        case .blob(let b): return b
        case .text(let s): return Array(s.utf8)
        default: return []
        }
    }
}

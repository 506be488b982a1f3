/// A CSV file Tandem writes (RFC 4180, CRLF line ends): every export and report goes through it, so its fields are
/// made safe in this one place. A field starting with `=`, `+`, `-`, `@`, a tab or a carriage return would be read
/// by spreadsheets as a formula (`=cmd|' /C calc'!A0`), so it gets a leading `'`; a field with a comma, a quote or a
/// line break is quoted, its quotes doubled.
public struct CSVTable: Sendable, Hashable {
    /// The rows, header first, as given.
    public private(set) var rows: [[String]]

    /// A table with this header row.
    public init(header: [String]) {
        rows = [header]
    }

    /// Adds a row.
    public mutating func append(_ fields: [String]) {
        rows.append(fields)
    }

    /// The file's text.
    public var text: String {
        rows.map { $0.map(Self.field).joined(separator: ",") + "\r\n" }.joined()
    }

    /// One field as written: formula-guarded, then quoted when needed.
    public static func field(_ value: String) -> String {
        var safe = value
        if let first = safe.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(first) { safe = "'" + safe }
        guard safe.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return safe }
        return "\"" + safe.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}

import Foundation

/// One `key = text` line of a locale file, with where it came from (for `FILE:LINE` errors).
public struct LocaleEntry: Sendable, Hashable {
    public let value: String
    public let file: String
    public let line: Int
}

/// Parser for locale files: `key = text` per line, `#` comments, `\n` for a line break in a text.
public enum LocaleFile {
    /// Parses one file's text. Duplicate keys and lines without `=` are errors with their line number.
    public static func parse(_ text: String, file: String) throws(FlowFileError) -> [String: LocaleEntry] {
        var entries: [String: LocaleEntry] = [:]
        for (index, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = rawLine.trimmingCharacters(in: .whitespaces)
            let number = index + 1
            if line.isEmpty || line.hasPrefix("#") { continue }
            guard let eq = line.firstIndex(of: "=") else {
                throw FlowFileError(file: file, line: number, message: "expected `key = text`")
            }
            let key = line[..<eq].trimmingCharacters(in: .whitespaces)
            let value = line[line.index(after: eq)...].trimmingCharacters(in: .whitespaces)
            guard !key.isEmpty, key.allSatisfy({ $0.isLetter || $0.isNumber || "._-".contains($0) }) else {
                throw FlowFileError(file: file, line: number, message: "invalid key `\(key)`")
            }
            if let previous = entries[key] {
                throw FlowFileError(file: file, line: number, message: "duplicate key `\(key)` (first on line \(previous.line))")
            }
            entries[key] = LocaleEntry(value: value.replacingOccurrences(of: "\\n", with: "\n"), file: file, line: number)
        }
        return entries
    }
}

import Foundation

/// One `key = text` line of a locale file, with where it came from (for `FILE:LINE` errors).
public struct LocaleEntry: Sendable, Hashable {
    public let value: String
    public let file: String
    public let line: Int
}

/// Parser for locale files: `key = text` per line (`\r\n` too), `#` comments, `\n` for a line break in a text. Lines
/// are split and trimmed on their own bytes and scalars: Foundation's `trimmingCharacters` bridged every line to
/// `NSString`, and with the split by `Character` that was half of the service's start-up.
public enum LocaleFile {
    /// Parses one file's text. Duplicate keys and lines without `=` are errors with their line number.
    public static func parse(_ text: String, file: String) throws(FlowFileError) -> [String: LocaleEntry] {
        var entries: [String: LocaleEntry] = [:]
        // Lines split on their bytes: splitting on `Character`s reads every grapheme, and "\r\n" is one of them.
        let lines = text.utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
        for (index, bytes) in lines.enumerated() {
            let line = text[bytes.startIndex..<bytes.endIndex].trimmed(Trim.whitespaceOrNewline)
            let number = index + 1
            if line.isEmpty || line.hasPrefix("#") { continue }
            guard let eq = line.firstIndex(of: "=") else {
                throw FlowFileError(file: file, line: number, message: "expected `key = text`")
            }
            let key = line[..<eq].trimmed(Trim.whitespace)
            let value = line[line.index(after: eq)...].trimmed(Trim.whitespace)
            guard !key.isEmpty, key.allSatisfy({ $0.isLetter || $0.isNumber || "._-".contains($0) }) else {
                throw FlowFileError(file: file, line: number, message: "invalid key `\(key)`")
            }
            if let previous = entries[key] {
                throw FlowFileError(file: file, line: number, message: "duplicate key `\(key)` (first on line \(previous.line))")
            }
            let text = value.contains("\\n") ? value.replacingOccurrences(of: "\\n", with: "\n") : value
            entries[key] = LocaleEntry(value: text, file: file, line: number)
        }
        return entries
    }
}

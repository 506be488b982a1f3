/// Reads `key: value` lines from free text, so one email can fill several slots at once
/// ("date: 3 March", "duration: 45 min", "topics: visa rules").
public enum KeyValueForm {
    /// The longest key, in characters.
    public static let maxKeyLength = 40
    /// The most words in a key.
    public static let maxKeyWords = 4

    private static let urlSchemes: Set<String> = ["http", "https", "mailto", "ftp", "tel", "file", "cid", "urn", "www"]

    /// The `key: value` pairs in order. Keys are lowercased, trimmed and have inner whitespace collapsed; values are
    /// trimmed. A key has at most `maxKeyLength` characters and `maxKeyWords` words and contains a letter. A colon
    /// between two digits (a time such as `14:30`) or starting a URL (`https://`) does not separate a key; lines
    /// with an empty value, quoted lines (`>`) and list bullets (`- `, `* `, `• `) before the key are handled.
    public static func fields(in text: String) -> [(key: String, value: String)] {
        var result: [(key: String, value: String)] = []
        let lines = text.split(whereSeparator: { $0 == "\n" || $0 == "\r" || $0 == "\r\n" })
        for rawLine in lines {
            var line = Substring(rawLine.mimeTrimmed())
            if line.hasPrefix(">") { continue }
            for bullet in ["- ", "* ", "• ", "– "] where line.hasPrefix(bullet) {
                line = line.dropFirst(bullet.count)
            }
            guard let colon = separatorIndex(in: line) else { continue }
            let key = line[..<colon].split(whereSeparator: { $0 == " " || $0 == "\t" }).joined(separator: " ")
                .lowercased()
            let value = line[line.index(after: colon)...].mimeTrimmed()
            guard !key.isEmpty, !value.isEmpty, key.count <= maxKeyLength,
                  key.split(separator: " ").count <= maxKeyWords,
                  key.contains(where: \.isLetter), !urlSchemes.contains(key) else { continue }
            result.append((key, value))
        }
        return result
    }

    /// The first colon that separates a key: not between two digits, not followed by `//`.
    private static func separatorIndex(in line: Substring) -> Substring.Index? {
        var index = line.startIndex
        while index < line.endIndex {
            if line[index] == ":" {
                let after = line.index(after: index)
                let digitBefore = index > line.startIndex && line[line.index(before: index)].isNumber
                let digitAfter = after < line.endIndex && line[after].isNumber
                if line[after...].hasPrefix("//") { return nil }
                if !(digitBefore && digitAfter) { return index }
            }
            index = line.index(after: index)
        }
        return nil
    }
}

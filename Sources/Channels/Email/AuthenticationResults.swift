/// One `Authentication-Results` header (RFC 8601): which server checked the message (`authserv-id`) and what its
/// checks found — `dkim=pass header.d=uni.example`, `spf=fail smtp.mailfrom=…`, `dmarc=pass header.from=…`.
///
/// Anyone can write such a header into a message: only one whose `authserv-id` is the receiving server's own (and
/// which that server added, removing any claim of its id that came with the message) says anything.
public struct AuthenticationResults: Sendable, Hashable {
    /// One check and its result.
    public struct Result: Sendable, Hashable {
        /// The method, lowercased, without a version: `dkim`, `spf`, `dmarc`, `arc`, …
        public let method: String
        /// Lowercased: `pass`, `fail`, `none`, `neutral`, `softfail`, `temperror`, `permerror`, `policy`.
        public let result: String
        /// The properties by lowercased `ptype.property` (`header.from`, `header.d`, `smtp.mailfrom`), values as
        /// written (unquoted).
        public let properties: [String: String]
    }

    /// The server that checked, lowercased (`mx.example.org`).
    public let authservID: String
    /// Its results, in order (empty for `none`).
    public let results: [Result]

    /// The header value `value` (still RFC 2047-encoded, as received), or nil when it has no authserv-id.
    public init?(parsing value: String) {
        let segments = Self.split(Self.withoutComments(value), on: ";")
        let head = Self.split(segments.first ?? "", on: " ")
        guard let id = head.first, !id.isEmpty else { return nil }
        authservID = Self.unquoted(id).lowercased()
        results = segments.dropFirst().compactMap(Self.result)
    }

    /// `method[/version]=result` followed by `reason=…` and `ptype.property=value` words; nil for anything else
    /// (the `none` of a header without results).
    private static func result(_ segment: String) -> Result? {
        // CFWS may surround `=`, `.` and `/`: join them to their neighbours first.
        var joined = segment
        for mark in ["=", ".", "/"] {
            while joined.contains(" \(mark)") { joined = joined.replacing(" \(mark)", with: mark) }
            while joined.contains("\(mark) ") { joined = joined.replacing("\(mark) ", with: mark) }
        }
        let words = split(joined, on: " ")
        guard let first = words.first, let equals = first.firstIndex(of: "=") else { return nil }
        let method = first[..<equals].split(separator: "/").first.map { String($0).lowercased() } ?? ""
        let result = unquoted(String(first[first.index(after: equals)...])).lowercased()
        guard !method.isEmpty, !result.isEmpty else { return nil }
        var properties: [String: String] = [:]
        for word in words.dropFirst() {
            guard let equals = word.firstIndex(of: "=") else { continue }
            let name = word[..<equals].lowercased()
            guard name.contains("."), properties[name] == nil else { continue }
            properties[name] = unquoted(String(word[word.index(after: equals)...]))
        }
        return Result(method: method, result: result, properties: properties)
    }

    /// The value with `(comments)` (nested, with `\` escapes) replaced by a space, and tabs and line breaks as
    /// spaces; quoted strings are kept as they are.
    static func withoutComments(_ value: String) -> String {
        var out = ""
        var depth = 0
        var quoted = false
        var escaped = false
        for character in value {
            if escaped {
                escaped = false
                if depth == 0 { out.append(character) }
                continue
            }
            switch character {
            case "\\":
                escaped = true
                if depth == 0 { out.append(character) }
            case "\"" where depth == 0:
                quoted.toggle()
                out.append(character)
            case "(" where !quoted:
                depth += 1
                if depth == 1 { out.append(" ") }
            case ")" where !quoted && depth > 0:
                depth -= 1
            case "\t", "\r", "\n":
                if depth == 0 { out.append(" ") }
            default:
                if depth == 0 { out.append(character) }
            }
        }
        return out
    }

    /// `text` split at `separator` outside quoted strings, each piece trimmed; empty pieces are dropped, except
    /// between semicolons (the first piece is always the authserv-id's).
    private static func split(_ text: String, on separator: Character) -> [String] {
        var pieces: [String] = []
        var current = ""
        var quoted = false
        var escaped = false
        for character in text {
            if escaped {
                escaped = false
            } else if character == "\\" {
                escaped = true
            } else if character == "\"" {
                quoted.toggle()
            } else if character == separator, !quoted {
                pieces.append(current.mimeTrimmed())
                current = ""
                continue
            }
            current.append(character)
        }
        pieces.append(current.mimeTrimmed())
        return separator == ";" ? pieces : pieces.filter { !$0.isEmpty }
    }

    /// A quoted string's content (escapes removed), or the text itself.
    private static func unquoted(_ text: String) -> String {
        guard text.count >= 2, text.first == "\"", text.last == "\"" else { return text }
        var out = ""
        var escaped = false
        for character in text.dropFirst().dropLast() {
            if !escaped, character == "\\" {
                escaped = true
                continue
            }
            escaped = false
            out.append(character)
        }
        return out
    }
}

/// Header values for outgoing mail: line breaks and control characters removed (no header injection), non-ASCII
/// text as RFC 2047 encoded-words, long values folded (RFC 5322 §2.2.3).
enum OutgoingMailHeaderEncoder {
    /// The longest encoded-word RFC 2047 allows.
    static let maxEncodedWordLength = 75
    /// Where folding starts to break lines (RFC 5322 "SHOULD" limit).
    static let preferredLineLength = 78

    /// `value` on one line: CR, LF and every other control character become spaces, runs of spaces collapse.
    static func sanitized(_ value: String) -> String {
        var result = ""
        var lastWasSpace = false
        for scalar in value.unicodeScalars {
            let isSpace = scalar.value < 0x20 || scalar.value == 0x7F || (0x80..<0xA0).contains(scalar.value)
                || scalar == " " || scalar == "\u{2028}" || scalar == "\u{2029}"
            if isSpace {
                if !lastWasSpace && !result.isEmpty { result.append(" ") }
                lastWasSpace = true
            } else {
                result.unicodeScalars.append(scalar)
                lastWasSpace = false
            }
        }
        return lastWasSpace ? String(result.dropLast()) : result
    }

    /// An unstructured value (`Subject`): plain and folded when printable ASCII, else B-encoded words.
    /// `nameLength` is the length of `Name: ` before it on the first line.
    static func text(_ value: String, nameLength: Int) -> String {
        let clean = sanitized(value)
        if isPlainASCII(clean) { return fold(clean, nameLength: nameLength) }
        return encodedWords(clean, nameLength: nameLength)
    }

    /// A mailbox: `"Display Name" <address>` (the name quoted or encoded as needed) or the bare address.
    static func mailbox(_ address: MIMEAddress) -> String {
        let addr = addrSpec(address.address)
        guard let name = address.displayName.map(sanitized), !name.isEmpty else { return addr }
        return "\(phrase(name)) <\(addr)>"
    }

    /// An address with everything removed that could end it early or start another (spaces, `<>`, `,`, `;`,
    /// quotes, parentheses, control characters).
    static func addrSpec(_ address: String) -> String {
        String(String.UnicodeScalarView(address.unicodeScalars.filter { scalar in
            scalar.value > 0x20 && scalar.value != 0x7F && !"<>,;\"()[]\\".unicodeScalars.contains(scalar)
        }))
    }

    /// A message id between angle brackets, keeping only printable ASCII other than `<`, `>` and spaces.
    static func messageID(_ id: String) -> String {
        let clean = id.unicodeScalars.filter { $0.value > 0x20 && $0.value < 0x7F && $0 != "<" && $0 != ">" }
        return "<\(String(String.UnicodeScalarView(clean)))>"
    }

    /// A display name: as is when it is only letters, digits and spaces; quoted when other ASCII; else encoded.
    static func phrase(_ name: String) -> String {
        if name.unicodeScalars.allSatisfy({ isAtext($0) || $0 == " " }) { return name }
        if isPlainASCII(name) {
            let escaped = name.replacing("\\", with: "\\\\").replacing("\"", with: "\\\"")
            return "\"\(escaped)\""
        }
        return encodedWords(name, nameLength: 0)
    }

    /// `=?utf-8?B?…?=` words of at most 75 characters, never splitting a character, joined by folding white space.
    static func encodedWords(_ text: String, nameLength: Int) -> String {
        let prefix = "=?utf-8?B?"
        let suffix = "?="
        // 4 base64 characters per 3 bytes: the most whole bytes that fit in one word.
        let maxBytes = (maxEncodedWordLength - prefix.count - suffix.count) / 4 * 3
        var words: [String] = []
        var chunk: [UInt8] = []
        for character in text {
            let bytes = Array(String(character).utf8)
            if !chunk.isEmpty && chunk.count + bytes.count > maxBytes {
                words.append(prefix + OutgoingMailBase64.encode(chunk) + suffix)
                chunk = []
            }
            chunk += bytes
        }
        if !chunk.isEmpty { words.append(prefix + OutgoingMailBase64.encode(chunk) + suffix) }
        var result = ""
        var lineLength = nameLength
        for word in words {
            if result.isEmpty {
                result = word
                lineLength += word.count
            } else if lineLength + 1 + word.count > preferredLineLength {
                result += "\r\n " + word
                lineLength = 1 + word.count
            } else {
                result += " " + word
                lineLength += 1 + word.count
            }
        }
        return result
    }

    /// Folds printable ASCII at spaces so that lines stay within 78 characters where words allow.
    static func fold(_ text: String, nameLength: Int) -> String {
        var result = ""
        var lineLength = nameLength
        for word in text.split(separator: " ", omittingEmptySubsequences: false) {
            if result.isEmpty && lineLength == nameLength {
                result = String(word)
                lineLength += word.count
            } else if lineLength + 1 + word.count > preferredLineLength && lineLength > 1 {
                result += "\r\n " + word
                lineLength = 1 + word.count
            } else {
                result += " " + word
                lineLength += 1 + word.count
            }
        }
        return result
    }

    /// Printable ASCII (and spaces) that contains no `=?`, which a reader could take for an encoded-word.
    static func isPlainASCII(_ text: String) -> Bool {
        text.unicodeScalars.allSatisfy { $0.value >= 0x20 && $0.value < 0x7F } && !text.contains("=?")
    }

    /// RFC 5322 `atext`: letters, digits and ``!#$%&'*+-/=?^_`{|}~``.
    private static func isAtext(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case "a"..."z", "A"..."Z", "0"..."9": true
        default: "!#$%&'*+-/=?^_`{|}~".unicodeScalars.contains(scalar)
        }
    }
}

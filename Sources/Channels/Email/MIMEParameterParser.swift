/// Parses structured header values of the form `token; name=value; name="quoted value"` (Content-Type,
/// Content-Disposition), including RFC 2231 extended parameters (`name*=charset'lang'%XX`) and continuations
/// (`name*0*=`, `name*1*=`, `name*0=`), and RFC 2047 encoded-words inside plain values (Outlook, Gmail).
enum MIMEParameterParser {
    /// The leading token, lowercased and trimmed, and the parameters by lowercased name.
    static func parse(_ value: String) -> (token: String, parameters: [String: String]) {
        let chars = Array(value.unicodeScalars)
        var index = 0
        var token = String.UnicodeScalarView()
        while index < chars.count, chars[index] != ";" {
            token.append(chars[index])
            index += 1
        }
        var raw: [(name: String, value: String)] = []
        while index < chars.count {
            index += 1  // past ';'
            var name = String.UnicodeScalarView()
            while index < chars.count, chars[index] != "=", chars[index] != ";" {
                name.append(chars[index])
                index += 1
            }
            guard index < chars.count, chars[index] == "=" else { continue }
            index += 1
            while index < chars.count, chars[index] == " " || chars[index] == "\t" { index += 1 }
            var parameterValue = String.UnicodeScalarView()
            let quoted = index < chars.count && chars[index] == "\""
            if quoted {
                index += 1
                while index < chars.count, chars[index] != "\"" {
                    // A backslash escapes only `"` and `\`, so Windows paths in quotes survive.
                    if chars[index] == "\\", index + 1 < chars.count,
                       chars[index + 1] == "\"" || chars[index + 1] == "\\" {
                        index += 1
                    }
                    parameterValue.append(chars[index])
                    index += 1
                }
                index += 1
                while index < chars.count, chars[index] != ";" { index += 1 }
            } else {
                while index < chars.count, chars[index] != ";" {
                    parameterValue.append(chars[index])
                    index += 1
                }
            }
            let key = String(name).mimeTrimmed().lowercased()
            let text = String(parameterValue)
            if !key.isEmpty { raw.append((key, quoted ? text : text.mimeTrimmed())) }
        }
        return (String(token).mimeTrimmed().lowercased(), assemble(raw))
    }

    /// Joins RFC 2231 continuations and decodes extended values; extended values win over plain ones.
    private static func assemble(_ raw: [(name: String, value: String)]) -> [String: String] {
        var plain: [String: String] = [:]
        var extended: [String: String] = [:]
        var sections: [String: [Int: (value: String, encoded: Bool)]] = [:]
        for (name, value) in raw {
            let pieces = name.split(separator: "*", omittingEmptySubsequences: false).map(String.init)
            if pieces.count == 1 {
                if plain[name] == nil { plain[name] = MIMEEncodedWords.decode(value) }
            } else if pieces.count == 2, pieces[1].isEmpty {
                extended[pieces[0]] = decodeExtended(value)
            } else if let number = Int(pieces[1]), number >= 0, number < 1000,
                      pieces.count == 2 || (pieces.count == 3 && pieces[2].isEmpty) {
                sections[pieces[0], default: [:]][number] = (value, pieces.count == 3)
            }
        }
        for (name, parts) in sections {
            var charset: String?
            var bytes: [UInt8] = []
            // Encoded sections are joined before percent-decoding, tolerating a `%XX` split between sections.
            var pending = ""
            for number in parts.keys.sorted() {
                guard let (value, encoded) = parts[number] else { continue }
                if encoded {
                    var text = Substring(value)
                    if number == parts.keys.min(), let (label, rest) = splitCharset(value) {
                        charset = label
                        text = rest
                    }
                    pending += text
                } else {
                    bytes += percentDecode(Substring(pending)) + Array(value.utf8)
                    pending = ""
                }
            }
            bytes += percentDecode(Substring(pending))
            extended[name] = MIMECharset.decode(bytes, label: charset ?? "utf-8").text
        }
        return plain.merging(extended) { _, new in new }
    }

    /// `charset'language'percent-encoded` → text.
    private static func decodeExtended(_ value: String) -> String {
        guard let (label, rest) = splitCharset(value) else {
            return MIMECharset.decode(percentDecode(Substring(value)), label: "utf-8").text
        }
        return MIMECharset.decode(percentDecode(rest), label: label.isEmpty ? "utf-8" : label).text
    }

    private static func splitCharset(_ value: String) -> (String, Substring)? {
        let pieces = value.split(separator: "'", maxSplits: 2, omittingEmptySubsequences: false)
        guard pieces.count == 3 else { return nil }
        return (String(pieces[0]), pieces[2])
    }

    private static func percentDecode(_ text: Substring) -> [UInt8] {
        let input = Array(text.utf8)
        var out: [UInt8] = []
        var index = 0
        while index < input.count {
            if input[index] == 0x25, index + 2 < input.count,
               let high = MIMETransferDecoder.hexValue(input[index + 1]),
               let low = MIMETransferDecoder.hexValue(input[index + 2]) {
                out.append(high << 4 | low)
                index += 3
            } else {
                out.append(input[index])
                index += 1
            }
        }
        return out
    }
}

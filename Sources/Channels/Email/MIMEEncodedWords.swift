/// RFC 2047 encoded-words in header text: `=?charset?B?…?=` and `=?charset?Q?…?=`.
///
/// Whitespace between adjacent encoded-words is dropped; adjacent words in the same charset are joined as bytes
/// before decoding, so a character split across two words (which some mailers do) still decodes. Malformed words
/// are left as they are. Raw 8-bit characters inside a Q word (which RFC 2047 forbids, but mailers write) were
/// already read once with the header line; they are kept as they are, not decoded a second time.
enum MIMEEncodedWords {
    private enum Segment {
        case text([UInt8])
        case encoded(charset: String, bytes: [UInt8])
    }

    /// The text with every encoded-word decoded.
    static func decode(_ text: String) -> String {
        let input = Array(text.utf8)
        guard input.count > 7, contains(input, [0x3D, 0x3F]) else { return text }
        var segments: [Segment] = []
        var literal: [UInt8] = []
        var index = 0
        while index < input.count {
            if input[index] == 0x3D, index + 1 < input.count, input[index + 1] == 0x3F,
               let (segment, end) = encodedWord(input, at: index) {
                if !literal.isEmpty { segments.append(.text(literal)) }
                literal = []
                segments.append(segment)
                index = end
            } else {
                literal.append(input[index])
                index += 1
            }
        }
        if !literal.isEmpty { segments.append(.text(literal)) }
        return render(segments)
    }

    private static func render(_ segments: [Segment]) -> String {
        var output = ""
        var pendingCharset: String?
        var pendingBytes: [UInt8] = []
        func flush() {
            if let charset = pendingCharset { output += MIMECharset.decode(pendingBytes, label: charset).text }
            pendingCharset = nil
            pendingBytes = []
        }
        for (position, segment) in segments.enumerated() {
            switch segment {
            case let .text(bytes):
                let isGap = bytes.allSatisfy { $0 == 0x20 || $0 == 0x09 || $0 == 0x0D || $0 == 0x0A }
                let betweenWords: Bool = {
                    guard pendingCharset != nil, position + 1 < segments.count,
                          case .encoded = segments[position + 1] else { return false }
                    return true
                }()
                if isGap && betweenWords { continue }
                flush()
                output += String(decoding: bytes, as: UTF8.self)
            case let .encoded(charset, bytes):
                let key = charset.lowercased()
                if pendingCharset?.lowercased() != key { flush() }
                pendingCharset = charset
                pendingBytes.append(contentsOf: bytes)
            }
        }
        flush()
        return output
    }

    /// Parses the encoded-word starting at `start` (which holds `=?`): its decoded segment and end index.
    private static func encodedWord(_ input: [UInt8], at start: Int) -> (Segment, Int)? {
        var index = start + 2
        let charsetStart = index
        while index < input.count, input[index] != 0x3F {
            let byte = input[index]
            if byte <= 0x20 || byte >= 0x7F || index - charsetStart > 40 { return nil }
            index += 1
        }
        guard index + 2 < input.count, index > charsetStart, input[index + 2] == 0x3F else { return nil }
        let charset = String(decoding: input[charsetStart..<index], as: UTF8.self)
        let encoding = input[index + 1] | 0x20
        guard encoding == 0x62 || encoding == 0x71 else { return nil }
        let textStart = index + 3
        var end = textStart
        while end + 1 < input.count, !(input[end] == 0x3F && input[end + 1] == 0x3D) {
            if input[end] == 0x0A || end - textStart > 4000 { return nil }
            end += 1
        }
        guard end + 1 < input.count else { return nil }
        let encoded = input[textStart..<end]
        if encoded.contains(where: { $0 >= 0x80 }) {
            guard encoding == 0x71 else { return nil }
            return (.text(Array(mixedQDecode(encoded, charset: charset).utf8)), end + 2)
        }
        let bytes = encoding == 0x62 ? MIMETransferDecoder.base64(encoded) : qDecode(encoded)
        return (.encoded(charset: charset, bytes: bytes), end + 2)
    }

    /// A Q word with raw 8-bit text in it: its ASCII runs (with `=XX` escapes) decoded in `charset`, the raw runs
    /// kept as the text they already are.
    private static func mixedQDecode(_ encoded: ArraySlice<UInt8>, charset: String) -> String {
        var output = ""
        var run: [UInt8] = []
        var raw = false
        func flush() {
            guard !run.isEmpty else { return }
            output += raw ? String(decoding: run, as: UTF8.self) : MIMECharset.decode(qDecode(run), label: charset).text
            run = []
        }
        for byte in encoded {
            if (byte >= 0x80) != raw {
                flush()
                raw = byte >= 0x80
            }
            run.append(byte)
        }
        flush()
        return output
    }

    /// The Q encoding: `_` is a space, `=XX` a byte.
    static func qDecode(_ bytes: some Collection<UInt8>) -> [UInt8] {
        let input = Array(bytes)
        var out: [UInt8] = []
        var index = 0
        while index < input.count {
            let byte = input[index]
            if byte == 0x5F {
                out.append(0x20)
            } else if byte == 0x3D, index + 2 < input.count,
                      let high = MIMETransferDecoder.hexValue(input[index + 1]),
                      let low = MIMETransferDecoder.hexValue(input[index + 2]) {
                out.append(high << 4 | low)
                index += 2
            } else {
                out.append(byte)
            }
            index += 1
        }
        return out
    }

    private static func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
        guard haystack.count >= needle.count else { return false }
        for start in 0...(haystack.count - needle.count) where haystack[start] == needle[0] {
            if haystack[start + 1] == needle[1] { return true }
        }
        return false
    }
}

/// The grammar of a Matrix user ID (`@localpart:server.name`), as the spec's appendix defines it, including
/// historical localparts (any printable ASCII but `:`). A homeserver never relays an event whose sender breaks it,
/// so such an event is forged or broken and Tandem ignores it.
public enum MatrixUserID {
    /// The longest user ID the spec allows, in bytes.
    public static let maxLength = 255

    /// Whether `text` is a well-formed user ID.
    public static func isValid(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        guard bytes.count <= maxLength, bytes.first == UInt8(ascii: "@"),
              let colon = bytes.firstIndex(of: UInt8(ascii: ":"))
        else { return false }
        let localpart = bytes[1..<colon]
        let server = bytes[(colon + 1)...]
        return !localpart.isEmpty && localpart.allSatisfy { (0x21...0x7E).contains($0) }
            && isServerName(server)
    }

    /// `host[:port]`: a DNS name, an IPv4 address or a bracketed IPv6 literal, then an optional port of digits.
    private static func isServerName(_ bytes: ArraySlice<UInt8>) -> Bool {
        guard !bytes.isEmpty else { return false }
        var host = bytes
        if bytes.first == UInt8(ascii: "[") {
            guard let close = bytes.firstIndex(of: UInt8(ascii: "]")) else { return false }
            let literal = bytes[bytes.index(after: bytes.startIndex)..<close]
            guard !literal.isEmpty, literal.allSatisfy({ isHexDigit($0) || $0 == UInt8(ascii: ":") || $0 == UInt8(ascii: ".") })
            else { return false }
            return isPort(bytes[(close + 1)...])
        }
        if let colon = bytes.firstIndex(of: UInt8(ascii: ":")) {
            guard isPort(bytes[colon...]) else { return false }
            host = bytes[..<colon]
        }
        return !host.isEmpty && host.count <= maxLength
            && host.allSatisfy { isAlphanumeric($0) || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: ".") }
    }

    /// Empty, or `:` followed by 1–5 digits.
    private static func isPort(_ bytes: ArraySlice<UInt8>) -> Bool {
        guard let first = bytes.first else { return true }
        let digits = bytes.dropFirst()
        return first == UInt8(ascii: ":") && (1...5).contains(digits.count)
            && digits.allSatisfy { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }
    }

    private static func isAlphanumeric(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
            || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
    }

    private static func isHexDigit(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains(byte)
            || (UInt8(ascii: "A")...UInt8(ascii: "F")).contains(byte)
    }
}

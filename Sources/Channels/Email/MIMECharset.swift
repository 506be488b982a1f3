/// A character set Tandem decodes, and the decoding itself.
///
/// The single-byte charsets use our own 128-entry tables (`MIMECharsetTables.swift`) rather than Foundation,
/// whose Linux build lacks several of them. Decoding never fails: bytes that are not valid in the charset
/// become U+FFFD.
public enum MIMECharset: String, Sendable, Hashable, CaseIterable {
    case utf8 = "utf-8"
    case usASCII = "us-ascii"
    case iso8859_1 = "iso-8859-1"
    case windows1252 = "windows-1252"
    case windows1251 = "windows-1251"
    case koi8R = "koi8-r"
    case iso8859_5 = "iso-8859-5"
    case iso8859_9 = "iso-8859-9"
    case windows1254 = "windows-1254"
    case koi8U = "koi8-u"
    case iso8859_15 = "iso-8859-15"
    case iso8859_2 = "iso-8859-2"
    case windows1250 = "windows-1250"

    /// The charset a MIME label names (`charset=` parameter, RFC 2047/2231 charset), accepting the usual aliases
    /// (`cp1251`, `x-cp1251`, `latin5`, `ISO_8859-9:1989`, `koi8`, …) in any case; nil when unknown.
    /// An RFC 2231 language suffix (`utf-8*en`) and surrounding quotes are ignored.
    public init?(label: String) {
        var key = label.lowercased()
        if let star = key.firstIndex(of: "*") { key = String(key[..<star]) }
        key = String(key.unicodeScalars.filter { ("a"..."z").contains($0) || ("0"..."9").contains($0) })
        guard let charset = Self.aliases[key] else { return nil }
        self = charset
    }

    private static let aliases: [String: MIMECharset] = {
        var table: [String: MIMECharset] = [:]
        let names: [(MIMECharset, [String])] = [
            (.utf8, ["utf8", "unicode11utf8", "xunicode20utf8", "unicode20utf8"]),
            (.usASCII, ["usascii", "ascii", "ansix341968", "ansix341986", "us", "iso646us", "cp367", "ibm367",
                        "csascii", "isoir6", "646"]),
            (.iso8859_1, ["iso88591", "iso885911987", "latin1", "l1", "isoir100", "cp819", "ibm819",
                          "csisolatin1", "iso8859"]),
            (.windows1252, ["windows1252", "cp1252", "xcp1252", "win1252", "mscp1252", "ansi1252"]),
            (.windows1251, ["windows1251", "cp1251", "xcp1251", "win1251", "mscp1251", "ansi1251", "wincp1251"]),
            (.koi8R, ["koi8r", "koi8", "cskoi8r", "koi"]),
            (.iso8859_5, ["iso88595", "iso885951988", "cyrillic", "isoir144", "csisolatincyrillic"]),
            (.iso8859_9, ["iso88599", "iso885991989", "latin5", "l5", "isoir148", "csisolatin5"]),
            (.windows1254, ["windows1254", "cp1254", "xcp1254", "win1254", "mscp1254", "ansi1254"]),
            (.koi8U, ["koi8u", "koi8ru"]),
            (.iso8859_15, ["iso885915", "latin9", "l9", "latin0"]),
            (.iso8859_2, ["iso88592", "iso885921987", "latin2", "l2", "isoir101", "csisolatin2"]),
            (.windows1250, ["windows1250", "cp1250", "xcp1250", "win1250", "mscp1250"]),
        ]
        for (charset, keys) in names { for key in keys { table[key] = charset } }
        return table
    }()

    /// Decodes bytes in this charset. UTF-8 is decoded leniently (invalid sequences become U+FFFD, a leading
    /// byte-order mark is dropped); `us-ascii` that is really UTF-8 or windows-1252 — common in practice — is
    /// decoded as such; `iso-8859-1` takes windows-1252's printable characters in 0x80–0x9F, as browsers do.
    public func decode(_ bytes: some Collection<UInt8>) -> String {
        switch self {
        case .utf8:
            return Self.decodeUTF8(bytes)
        case .usASCII:
            if bytes.allSatisfy({ $0 < 0x80 }) { return String(decoding: bytes, as: UTF8.self) }
            if Self.isValidUTF8(bytes) { return Self.decodeUTF8(bytes) }
            return MIMECharset.windows1252.decode(bytes)
        case .iso8859_1:
            return Self.decodeSingleByte(bytes) { byte in
                let mapped = Self.windows1252High[Int(byte) - 0x80]
                return byte < 0xA0 && mapped != 0xFFFD ? mapped : UInt16(byte)
            }
        default:
            let table = highTable
            return Self.decodeSingleByte(bytes) { table[Int($0) - 0x80] }
        }
    }

    /// Decodes bytes labelled with `label`. Unknown or missing labels are decoded as UTF-8 when the bytes are valid
    /// UTF-8, else as windows-1252; `known` is false then, so the caller can note it.
    public static func decode(_ bytes: some Collection<UInt8>, label: String?) -> (text: String, known: Bool) {
        if let label, let charset = MIMECharset(label: label) { return (charset.decode(bytes), true) }
        return (decodeGuessing(bytes), label == nil)
    }

    /// UTF-8 when the bytes are valid UTF-8, else `fallback` (windows-1252 unless given).
    static func decodeGuessing(_ bytes: some Collection<UInt8>, fallback: MIMECharset = .windows1252) -> String {
        if isValidUTF8(bytes) { return decodeUTF8(bytes) }
        return fallback.decode(bytes)
    }

    /// Whether the bytes are well-formed UTF-8.
    static func isValidUTF8(_ bytes: some Collection<UInt8>) -> Bool {
        if bytes.allSatisfy({ $0 < 0x80 }) { return true }
        return String(validating: bytes, as: UTF8.self) != nil
    }

    private static func decodeUTF8(_ bytes: some Collection<UInt8>) -> String {
        var text = String(decoding: bytes, as: UTF8.self)
        if text.unicodeScalars.first == "\u{FEFF}" { text.unicodeScalars.removeFirst() }
        return text
    }

    private static func decodeSingleByte(_ bytes: some Collection<UInt8>, high: (UInt8) -> UInt16) -> String {
        var scalars = String.UnicodeScalarView()
        scalars.reserveCapacity(bytes.count)
        for byte in bytes {
            let value = byte < 0x80 ? UInt16(byte) : high(byte)
            scalars.append(Unicode.Scalar(value) ?? "\u{FFFD}")
        }
        return String(scalars)
    }

    /// The table for bytes 0x80–0xFF of a single-byte charset.
    private var highTable: [UInt16] {
        switch self {
        case .windows1251: Self.windows1251High
        case .koi8R: Self.koi8RHigh
        case .iso8859_5: Self.iso8859_5High
        case .iso8859_9: Self.iso8859_9High
        case .windows1254: Self.windows1254High
        case .windows1252, .iso8859_1, .usASCII, .utf8: Self.windows1252High
        case .koi8U: Self.koi8UHigh
        case .iso8859_15: Self.iso8859_15High
        case .iso8859_2: Self.iso8859_2High
        case .windows1250: Self.windows1250High
        }
    }
}

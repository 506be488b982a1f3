/// A character set Tandem decodes, and the decoding itself.
///
/// The single-byte charsets use our own 128-entry tables (`MIMECharsetTables.swift`) rather than Foundation,
/// whose Linux build lacks several of them; the multi-byte ones (Chinese, Japanese, Korean, UTF-7, UTF-16) go
/// through the C library's iconv (`MIMEIconv`). Decoding never fails: bytes that are not valid in the charset
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
    case gb18030 = "gb18030"
    case big5 = "big5"
    case iso2022JP = "iso-2022-jp"
    case shiftJIS = "shift_jis"
    case eucJP = "euc-jp"
    case eucKR = "euc-kr"
    case utf7 = "utf-7"
    case utf16 = "utf-16"
    case utf16LE = "utf-16le"
    case utf16BE = "utf-16be"

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
            // GB18030 is a superset of GBK, itself a superset of GB2312 (which mail labels for GBK text, too).
            (.gb18030, ["gb18030", "gbk", "gb2312", "cp936", "xgbk", "euccn", "xeuccn", "cngb", "gb231280",
                        "csgb2312", "chinese", "ms936", "windows936"]),
            (.big5, ["big5", "big5hkscs", "xxbig5", "cnbig5", "csbig5", "cp950"]),
            (.iso2022JP, ["iso2022jp", "csiso2022jp", "iso2022jp2", "jis"]),
            (.shiftJIS, ["shiftjis", "sjis", "xsjis", "mskanji", "csshiftjis", "windows31j", "cp932"]),
            (.eucJP, ["eucjp", "xeucjp", "cseucpkdfmtjapanese"]),
            (.eucKR, ["euckr", "cseuckr", "ksc56011987", "ksc5601", "cp949", "uhc", "windows949", "isoir149"]),
            (.utf7, ["utf7", "unicode11utf7", "csunicode11utf7", "xunicode20utf7"]),
            (.utf16, ["utf16", "ucs2", "iso10646ucs2"]),
            (.utf16LE, ["utf16le"]),
            (.utf16BE, ["utf16be"]),
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
        case .gb18030, .big5, .iso2022JP, .shiftJIS, .eucJP, .eucKR, .utf7, .utf16, .utf16LE, .utf16BE:
            return MIMEIconv.decode(bytes, from: iconvName) ?? Self.decodeGuessing(bytes)
        default:
            let table = highTable
            return Self.decodeSingleByte(bytes) { table[Int($0) - 0x80] }
        }
    }

    /// Whether the charset has one byte per character (a table of its own); mail labelled with one of them but
    /// written in UTF-8 is read as UTF-8.
    public var isSingleByte: Bool {
        switch self {
        case .utf8, .gb18030, .big5, .iso2022JP, .shiftJIS, .eucJP, .eucKR, .utf7, .utf16, .utf16LE, .utf16BE: false
        default: true
        }
    }

    /// The name iconv knows the charset by (Windows' supersets for the CJK ones, as mail clients send them).
    private var iconvName: String {
        switch self {
        case .shiftJIS: "CP932"
        case .eucKR: "CP949"
        case .big5: "BIG5-HKSCS"
        default: rawValue.uppercased()
        }
    }

    /// Decodes bytes labelled with `label`, trying UTF-8 first where the label is often wrong: text labelled with a
    /// single-byte charset that is really UTF-8 is read as UTF-8, and text labelled UTF-8 (or unlabelled, or with
    /// an unknown label, or 8-bit text labelled with a 7-bit charset) that has no UTF-8 sequence in it is read in
    /// the likeliest Windows charset (`guessSingleByte`). `known` is false for an unknown label, so the caller can
    /// note it.
    public static func decode(_ bytes: some Collection<UInt8>, label: String?) -> (text: String, known: Bool) {
        guard let label, let charset = MIMECharset(label: label) else {
            return (decodeGuessing(bytes), label == nil)
        }
        let ascii = bytes.allSatisfy { $0 < 0x80 }
        // Text labelled with a single-byte charset that is valid UTF-8, or 8-bit text labelled with a 7-bit one.
        if charset == .utf8 || (charset.isSingleByte && !ascii && isValidUTF8(bytes))
            || ([.iso2022JP, .utf7].contains(charset) && !ascii) {
            return (decodeGuessing(bytes), true)
        }
        return (charset.decode(bytes), true)
    }

    /// UTF-8 when the bytes look like UTF-8 (valid, or with valid multi-byte sequences and only a few broken
    /// ones), else `fallback`, or the likeliest Windows charset when none is given.
    static func decodeGuessing(_ bytes: some Collection<UInt8>, fallback: MIMECharset? = nil) -> String {
        if isValidUTF8(bytes) { return decodeUTF8(bytes) }
        let (valid, invalid) = utf8Sequences(bytes)
        if valid > 0 && invalid <= valid { return decodeUTF8(bytes) }
        return (fallback ?? guessSingleByte(bytes)).decode(bytes)
    }

    /// The Windows charset text that is not UTF-8 most likely is, for Tandem's languages: windows-1251 when
    /// most letters are in Cyrillic's range 0xC0–0xFF, windows-1254 when it has letters only Turkish uses there
    /// (ğ ı ş İ Ğ Ş), else windows-1252.
    static func guessSingleByte(_ bytes: some Collection<UInt8>) -> MIMECharset {
        var latin = 0
        var high = 0
        var turkish = 0
        for byte in bytes {
            if (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte) { latin += 1 }
            if byte >= 0xC0 { high += 1 }
            if [0xD0, 0xDD, 0xDE, 0xF0, 0xFD, 0xFE].contains(byte) { turkish += 1 }
        }
        if high > latin { return .windows1251 }
        return turkish > 0 ? .windows1254 : .windows1252
    }

    /// How many well-formed multi-byte UTF-8 sequences and how many bytes outside any the bytes hold.
    private static func utf8Sequences(_ bytes: some Collection<UInt8>) -> (valid: Int, invalid: Int) {
        let input = Array(bytes)
        var valid = 0
        var invalid = 0
        var index = 0
        while index < input.count {
            let byte = input[index]
            let length = byte < 0x80 ? 1 : byte >= 0xC2 && byte <= 0xDF ? 2 : byte >= 0xE0 && byte <= 0xEF ? 3
                : byte >= 0xF0 && byte <= 0xF4 ? 4 : 0
            if length == 1 {
                index += 1
            } else if length > 1, index + length <= input.count,
                      input[(index + 1)..<(index + length)].allSatisfy({ $0 & 0xC0 == 0x80 }) {
                valid += 1
                index += length
            } else {
                invalid += 1
                index += 1
            }
        }
        return (valid, invalid)
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
        case .windows1252, .iso8859_1, .usASCII, .utf8, .gb18030, .big5, .iso2022JP, .shiftJIS, .eucJP, .eucKR, .utf7,
             .utf16, .utf16LE, .utf16BE: Self.windows1252High
        case .koi8U: Self.koi8UHigh
        case .iso8859_15: Self.iso8859_15High
        case .iso8859_2: Self.iso8859_2High
        case .windows1250: Self.windows1250High
        }
    }
}

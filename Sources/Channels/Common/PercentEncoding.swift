import Crypto

/// `%XX` escapes (upper-case hex) for what may not stand as it is: URL path segments (RFC 3986) and MIME parameter
/// values (RFC 2231) differ only in which ASCII bytes they keep.
enum PercentEncoding {
    /// `text` with every UTF-8 byte that `keeps` refuses written as `%XX`.
    static func encode(_ text: String, keeping keeps: (UInt8) -> Bool) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count + 8)
        for byte in text.utf8 {
            if keeps(byte) {
                out.append(byte)
            } else {
                out.append(UInt8(ascii: "%"))
                Hex.append(byte, to: &out, uppercase: true)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// ASCII letters and digits.
    static func isAlphanumeric(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            return true
        default:
            return false
        }
    }
}

/// Base64 (RFC 4648) for outgoing mail: whole, or in 76-character lines for a MIME body (RFC 2045 §6.8).
enum OutgoingMailBase64 {
    private static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)

    /// The base64 text of `bytes`, padded, on one line.
    static func encode(_ bytes: [UInt8]) -> String {
        var output: [UInt8] = []
        output.reserveCapacity((bytes.count + 2) / 3 * 4)
        var index = 0
        while index < bytes.count {
            let first = bytes[index]
            let second = index + 1 < bytes.count ? bytes[index + 1] : 0
            let third = index + 2 < bytes.count ? bytes[index + 2] : 0
            output.append(alphabet[Int(first >> 2)])
            output.append(alphabet[Int((first & 0x03) << 4 | second >> 4)])
            output.append(index + 1 < bytes.count ? alphabet[Int((second & 0x0F) << 2 | third >> 6)] : 0x3D)
            output.append(index + 2 < bytes.count ? alphabet[Int(third & 0x3F)] : 0x3D)
            index += 3
        }
        return String(decoding: output, as: UTF8.self)
    }

    /// The base64 text of `bytes` in lines of 76 characters, each ended by CRLF.
    static func lines(_ bytes: [UInt8]) -> String {
        let encoded = Array(encode(bytes).utf8)
        var result: [UInt8] = []
        result.reserveCapacity(encoded.count + encoded.count / 76 * 2 + 2)
        var start = 0
        while start < encoded.count {
            let end = min(start + 76, encoded.count)
            result += encoded[start..<end]
            result += [0x0D, 0x0A]
            start = end
        }
        return String(decoding: result, as: UTF8.self)
    }
}

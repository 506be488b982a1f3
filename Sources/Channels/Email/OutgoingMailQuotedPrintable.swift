import Crypto

/// Quoted-printable (RFC 2045 §6.7) for outgoing text: UTF-8 bytes, CRLF line ends, soft breaks so no encoded
/// line is longer than 76 characters, trailing white space and a line-initial `From ` or `.` protected.
enum OutgoingMailQuotedPrintable {

    /// The encoded text; every line (including the last) ends with CRLF.
    static func encode(_ text: String) -> String {
        let normalized = text.replacing("\r\n", with: "\n").replacing("\r", with: "\n")
        var output: [UInt8] = []
        for line in normalized.split(separator: "\n", omittingEmptySubsequences: false) {
            output += encodeLine(Array(line.utf8))
            output += [0x0D, 0x0A]
        }
        return String(decoding: output, as: UTF8.self)
    }

    private static func encodeLine(_ bytes: [UInt8]) -> [UInt8] {
        var output: [UInt8] = []
        var lineLength = 0
        for (index, byte) in bytes.enumerated() {
            let isLast = index == bytes.count - 1
            let atLineStart = lineLength == 0
            var encoded: [UInt8]
            switch byte {
            case 0x20, 0x09:
                encoded = isLast ? escape(byte) : [byte]
            case 0x2E where atLineStart, 0x46 where atLineStart && bytes[index...].starts(with: Array("From ".utf8)):
                encoded = escape(byte)
            case 0x21...0x7E where byte != 0x3D:
                encoded = [byte]
            default:
                encoded = escape(byte)
            }
            // Leave room for the soft break `=` unless this is the line's last character.
            let limit = isLast ? 76 : 75
            if lineLength + encoded.count > limit {
                output += [0x3D, 0x0D, 0x0A]
                lineLength = 0
                if byte == 0x2E || (byte == 0x46 && bytes[index...].starts(with: Array("From ".utf8))) {
                    encoded = escape(byte)
                }
            }
            output += encoded
            lineLength += encoded.count
        }
        return output
    }

    private static func escape(_ byte: UInt8) -> [UInt8] {
        var escaped: [UInt8] = [0x3D]
        Hex.append(byte, to: &escaped, uppercase: true)
        return escaped
    }
}

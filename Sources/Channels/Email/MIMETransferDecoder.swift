/// Content-Transfer-Encoding decoders (RFC 2045 §6), tolerant of what real mail contains.
enum MIMETransferDecoder {
    /// Decodes a body by its `Content-Transfer-Encoding` (already lowercased); 7bit, 8bit, binary and unknown
    /// encodings pass through unchanged.
    static func decode(_ bytes: ArraySlice<UInt8>, encoding: String) -> [UInt8] {
        switch encoding {
        case "base64": base64(bytes)
        case "quoted-printable": quotedPrintable(bytes)
        default: Array(bytes)
        }
    }

    /// Base64, skipping line breaks, whitespace and any other byte outside the alphabet. Padding ends a quantum,
    /// so concatenated padded chunks decode too; trailing bits that do not make a byte are dropped.
    static func base64(_ bytes: some Collection<UInt8>) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count / 4 * 3 + 3)
        var accumulator: UInt32 = 0
        var bits = 0
        for byte in bytes {
            let value = base64Value[Int(byte)]
            if value == 0xFE {
                accumulator = 0
                bits = 0
                continue
            }
            if value == 0xFF { continue }
            accumulator = (accumulator << 6) | UInt32(value)
            bits += 6
            if bits >= 8 {
                bits -= 8
                out.append(UInt8(truncatingIfNeeded: accumulator >> UInt32(bits)))
                accumulator &= (1 << UInt32(bits)) - 1
            }
        }
        return out
    }

    /// Quoted-printable: `=XX` in either case, soft line breaks (`=` at the end of a line, even with trailing
    /// whitespace after it), trailing whitespace on lines removed, CRLF or bare LF. A malformed `=` is kept.
    static func quotedPrintable(_ bytes: some Collection<UInt8>) -> [UInt8] {
        let input = Array(bytes)
        var out: [UInt8] = []
        out.reserveCapacity(input.count)
        var index = 0
        var pendingWhitespace: [UInt8] = []
        while index < input.count {
            let byte = input[index]
            switch byte {
            case 0x20, 0x09:
                pendingWhitespace.append(byte)
                index += 1
            case 0x0D where index + 1 < input.count && input[index + 1] == 0x0A, 0x0A:
                pendingWhitespace.removeAll()
                if byte == 0x0D {
                    out.append(0x0D)
                    index += 1
                }
                out.append(0x0A)
                index += 1
            case 0x3D:
                out.append(contentsOf: pendingWhitespace)
                pendingWhitespace.removeAll()
                if index + 2 < input.count, let high = hexValue(input[index + 1]),
                   let low = hexValue(input[index + 2]) {
                    out.append(high << 4 | low)
                    index += 3
                    continue
                }
                // Soft line break: `=`, optional whitespace, then CRLF / LF / end of input.
                var look = index + 1
                while look < input.count, input[look] == 0x20 || input[look] == 0x09 { look += 1 }
                if look == input.count {
                    index = look
                } else if input[look] == 0x0A {
                    index = look + 1
                } else if input[look] == 0x0D, look + 1 < input.count, input[look + 1] == 0x0A {
                    index = look + 2
                } else {
                    out.append(byte)
                    index += 1
                }
            default:
                out.append(contentsOf: pendingWhitespace)
                pendingWhitespace.removeAll()
                out.append(byte)
                index += 1
            }
        }
        return out
    }

    /// The value of one hex digit, either case.
    static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case 0x30...0x39: byte - 0x30
        case 0x41...0x46: byte - 0x41 + 10
        case 0x61...0x66: byte - 0x61 + 10
        default: nil
        }
    }

    /// 6-bit values of the base64 alphabet (standard and URL-safe); 0xFE for `=`, 0xFF for everything else.
    private static let base64Value: [UInt8] = {
        var table = [UInt8](repeating: 0xFF, count: 256)
        for (index, byte) in "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8.enumerated() {
            table[Int(byte)] = UInt8(index)
        }
        table[Int(UInt8(ascii: "-"))] = 62
        table[Int(UInt8(ascii: "_"))] = 63
        table[Int(UInt8(ascii: "="))] = 0xFE
        return table
    }()
}

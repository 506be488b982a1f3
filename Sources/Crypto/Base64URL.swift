internal import COpenSSL

/// URL-safe base64 without padding (RFC 4648 §5), built on OpenSSL's `EVP_EncodeBlock`.
enum Base64URL {
    /// `bytes` as unpadded base64url: `A–Z a–z 0–9 - _`, `ceil(4n / 3)` characters.
    static func encode(_ bytes: [UInt8]) -> String {
        guard !bytes.isEmpty else { return "" }
        precondition(bytes.count <= Int(Int32.max) / 4 * 3, "input too large for base64")
        var output = [UInt8](repeating: 0, count: (bytes.count + 2) / 3 * 4 + 1)
        let written = output.withUnsafeMutableBufferPointer { out in
            bytes.withUnsafeBufferPointer { input in
                EVP_EncodeBlock(out.baseAddress, input.baseAddress, Int32(input.count))
            }
        }
        var text = [UInt8]()
        text.reserveCapacity(Int(written))
        for byte in output.prefix(Int(written)) {
            switch byte {
            case UInt8(ascii: "+"): text.append(UInt8(ascii: "-"))
            case UInt8(ascii: "/"): text.append(UInt8(ascii: "_"))
            case UInt8(ascii: "="): continue
            default: text.append(byte)
            }
        }
        return String(decoding: text, as: UTF8.self)
    }
}

internal import COpenSSL

/// HMAC (RFC 2104) through OpenSSL's one-shot `HMAC()`.
///
/// To check a presented MAC, compare with ``ConstantTime/equals(_:_:)-([UInt8],[UInt8])``, never with `==`.
public enum HMAC {
    /// The HMAC-SHA256 of `message` under `key` (32 bytes). Any key length is allowed, including empty.
    public static func sha256(key: [UInt8], message: [UInt8]) -> [UInt8] {
        precondition(key.count <= Int(Int32.max), "HMAC key too long")
        var mac = [UInt8](repeating: 0, count: SHA256.byteCount)
        var length: UInt32 = 0
        // A non-nil pointer even for empty inputs: OpenSSL treats a NULL key as "reuse the previous key".
        let keyBytes = key.isEmpty ? [0] : key
        let messageBytes = message.isEmpty ? [0] : message
        let result = keyBytes.withUnsafeBufferPointer { keyPointer in
            messageBytes.withUnsafeBufferPointer { messagePointer in
                mac.withUnsafeMutableBufferPointer { output in
                    COpenSSL.HMAC(
                        EVP_sha256(), keyPointer.baseAddress, Int32(key.count), messagePointer.baseAddress,
                        message.count, output.baseAddress, &length)
                }
            }
        }
        // HMAC() only fails on allocation failure or a broken library: nothing sensible to return.
        guard result != nil, length == UInt32(SHA256.byteCount) else {
            fatalError("HMAC-SHA256 failed: \(OpenSSLError.make("HMAC"))")
        }
        return mac
    }

    /// The HMAC-SHA256 of `message` under `key`, as 64 lowercase hex characters.
    public static func sha256Hex(key: [UInt8], message: [UInt8]) -> String {
        Hex.encode(sha256(key: key, message: message))
    }
}

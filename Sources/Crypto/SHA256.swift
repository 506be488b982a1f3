internal import COpenSSL

/// SHA-256 (FIPS 180-4) through OpenSSL's `EVP_Digest`.
///
/// ```swift
/// let id = SHA256.hex(fileBytes)   // 64 lowercase hex characters
/// ```
public enum SHA256 {
    /// The digest length in bytes (32).
    public static let byteCount = 32

    /// The 32-byte SHA-256 digest of `bytes`.
    public static func hash(_ bytes: [UInt8]) -> [UInt8] {
        var digest = [UInt8](repeating: 0, count: byteCount)
        var length: UInt32 = 0
        let result = bytes.withUnsafeBytes { input in
            digest.withUnsafeMutableBufferPointer { output in
                EVP_Digest(input.baseAddress, input.count, output.baseAddress, &length, EVP_sha256(), nil)
            }
        }
        // EVP_Digest only fails on allocation failure or a broken library: nothing sensible to return.
        guard result == 1, length == UInt32(byteCount) else {
            fatalError("EVP_Digest(SHA-256) failed: \(OpenSSLError.make("EVP_Digest"))")
        }
        return digest
    }

    /// The SHA-256 digest of `bytes` as 64 lowercase hex characters.
    public static func hex(_ bytes: [UInt8]) -> String {
        Hex.encode(hash(bytes))
    }
}

internal import COpenSSL

/// Cryptographically secure random bytes from OpenSSL's DRBG (`RAND_bytes`).
public enum SecureRandom {
    /// `count` random bytes.
    ///
    /// If OpenSSL cannot produce random bytes (its entropy source failed) the process stops: returning weaker
    /// bytes for keys, nonces or tokens would be worse than not running.
    public static func bytes(_ count: Int) -> [UInt8] {
        precondition(count >= 0 && count <= Int(Int32.max), "invalid random byte count \(count)")
        guard count > 0 else { return [] }
        var output = [UInt8](repeating: 0, count: count)
        let result = output.withUnsafeMutableBufferPointer { RAND_bytes($0.baseAddress, Int32(count)) }
        guard result == 1 else { fatalError("RAND_bytes failed: \(OpenSSLError.make("RAND_bytes"))") }
        return output
    }

    /// A random token of `bytes` random bytes, encoded as unpadded URL-safe base64 (`A–Z a–z 0–9 - _`), so it can
    /// go in URLs, headers and configuration files unescaped. The default 32 bytes give 43 characters (256 bits),
    /// suitable for the Matrix `as_token` and `hs_token`.
    public static func token(bytes count: Int = 32) -> String {
        Base64URL.encode(bytes(count))
    }
}

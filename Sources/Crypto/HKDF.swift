internal import COpenSSL

/// HKDF (RFC 5869) with SHA-256, through OpenSSL's `EVP_PKEY_derive` (`EVP_PKEY_HKDF`, extract-then-expand).
///
/// HKDF turns a *high-entropy* secret into one or more independent keys; it does not stretch passwords. For a
/// human-chosen passphrase a slow KDF would be needed instead; Tandem's configured secrets are random tokens.
public enum HKDF {
    /// The longest output HKDF-SHA256 can produce: 255 × 32 bytes.
    public static let maxOutputByteCount = 255 * SHA256.byteCount

    /// Derives `outputByteCount` bytes from `inputKeyMaterial`.
    /// - Parameters:
    ///   - inputKeyMaterial: the secret; must not be empty.
    ///   - salt: optional non-secret salt; empty means the RFC default (32 zero bytes).
    ///   - info: context and purpose, e.g. `"tandem bank details v1"`; different `info` gives independent keys.
    ///   - outputByteCount: 1 ... ``maxOutputByteCount``.
    /// - Throws: ``CryptoError/invalidParameter(_:)`` for an empty secret or a bad length;
    ///   ``CryptoError/openSSL(function:reason:)``.
    public static func sha256(
        inputKeyMaterial: [UInt8], salt: [UInt8] = [], info: [UInt8] = [], outputByteCount: Int
    ) throws(CryptoError) -> [UInt8] {
        guard !inputKeyMaterial.isEmpty else { throw .invalidParameter("HKDF input key material is empty") }
        guard (1...maxOutputByteCount).contains(outputByteCount) else {
            throw .invalidParameter("HKDF output length \(outputByteCount) outside 1...\(maxOutputByteCount)")
        }
        let limit = 1 << 20
        guard inputKeyMaterial.count <= limit, salt.count <= limit, info.count <= 1024 else {
            throw .inputTooLarge(limit: limit)
        }
        let effectiveSalt = salt.isEmpty ? [UInt8](repeating: 0, count: SHA256.byteCount) : salt
        guard let context = EVP_PKEY_CTX_new_id(EVP_PKEY_HKDF, nil) else {
            throw OpenSSLError.make("EVP_PKEY_CTX_new_id")
        }
        defer { EVP_PKEY_CTX_free(context) }
        try OpenSSLError.check(EVP_PKEY_derive_init(context), "EVP_PKEY_derive_init")
        try OpenSSLError.check(EVP_PKEY_CTX_set_hkdf_md(context, EVP_sha256()), "EVP_PKEY_CTX_set_hkdf_md")
        try OpenSSLError.check(
            EVP_PKEY_CTX_set1_hkdf_salt(context, effectiveSalt, Int32(effectiveSalt.count)),
            "EVP_PKEY_CTX_set1_hkdf_salt")
        try OpenSSLError.check(
            EVP_PKEY_CTX_set1_hkdf_key(context, inputKeyMaterial, Int32(inputKeyMaterial.count)),
            "EVP_PKEY_CTX_set1_hkdf_key")
        if !info.isEmpty {
            try OpenSSLError.check(
                EVP_PKEY_CTX_add1_hkdf_info(context, info, Int32(info.count)), "EVP_PKEY_CTX_add1_hkdf_info")
        }
        var output = [UInt8](repeating: 0, count: outputByteCount)
        var length = outputByteCount
        try OpenSSLError.check(EVP_PKEY_derive(context, &output, &length), "EVP_PKEY_derive")
        guard length == outputByteCount else {
            throw .openSSL(function: "EVP_PKEY_derive", reason: "short output (\(length) bytes)")
        }
        return output
    }
}

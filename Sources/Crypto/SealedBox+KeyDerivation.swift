extension SealedBox {
    /// The shortest secret ``deriveKey(fromSecret:purpose:)`` accepts, in UTF-8 bytes (e.g. the 43 characters
    /// of `SecureRandom.token()`, or 64 hex digits).
    public static let minimumSecretByteCount = 32

    /// Derives a ``keyByteCount``-byte key from a configured secret with HKDF-SHA256 (``HKDF``).
    ///
    /// The salt is the fixed label `tandem/sealed-box/v1`; `purpose` is the HKDF `info`, so each purpose
    /// (`"bank-details"`, …) gets an independent key from one secret. The secret must be random (generate it
    /// with ``SecureRandom/token(bytes:)``): HKDF does not slow down guessing of weak passphrases.
    /// - Throws: ``CryptoError/secretTooShort(minimumBytes:)`` below ``minimumSecretByteCount`` bytes;
    ///   ``CryptoError/invalidParameter(_:)`` for an empty purpose.
    public static func deriveKey(fromSecret secret: String, purpose: String) throws(CryptoError) -> [UInt8] {
        let material = Array(secret.utf8)
        guard material.count >= minimumSecretByteCount else {
            throw .secretTooShort(minimumBytes: minimumSecretByteCount)
        }
        guard !purpose.isEmpty else { throw .invalidParameter("key purpose is empty") }
        return try HKDF.sha256(
            inputKeyMaterial: material, salt: Array("tandem/sealed-box/v1".utf8), info: Array(purpose.utf8),
            outputByteCount: keyByteCount)
    }
}

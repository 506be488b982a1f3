internal import COpenSSL

/// Authenticated encryption for data at rest (e.g. bank details), AES-256-GCM through OpenSSL's EVP interface.
///
/// Sealed format (version 1), all lengths in bytes:
///
/// ```text
/// version (1) = 0x01 ‖ nonce (12, random) ‖ ciphertext (same length as the plaintext) ‖ tag (16)
/// ```
///
/// The version byte is authenticated too (it is fed to GCM as additional data ahead of `associatedData`).
/// `associatedData` is not stored: pass the same bytes to ``open(_:key:associatedData:)``. Bind each value to
/// where it lives (e.g. `"participant:42/bank"`) so a sealed value copied to another row fails to open.
///
/// Nonces are random, so one key should seal fewer than 2³² values (far beyond Tandem's needs); derive keys
/// with ``deriveKey(fromSecret:purpose:)``.
///
/// ```swift
/// let key = try SealedBox.deriveKey(fromSecret: configuration.dataKey, purpose: "bank-details")
/// let sealed = try SealedBox.seal(Array(iban.utf8), key: key, associatedData: Array("participant:42".utf8))
/// let plain = try SealedBox.open(sealed, key: key, associatedData: Array("participant:42".utf8))
/// ```
public enum SealedBox {
    /// The format version written as the first byte.
    public static let version: UInt8 = 1
    /// Key length: 32 bytes (AES-256).
    public static let keyByteCount = 32
    /// Nonce length: 12 bytes (the GCM standard size).
    public static let nonceByteCount = 12
    /// Authentication tag length: 16 bytes.
    public static let tagByteCount = 16
    /// Bytes a sealed value has beyond its plaintext: version, nonce and tag (29).
    public static let overheadByteCount = 1 + nonceByteCount + tagByteCount
    /// The largest plaintext (and the largest associated data) accepted: 1 GiB.
    public static let maxInputByteCount = 1 << 30

    /// Encrypts and authenticates `plaintext` under `key` with a fresh random nonce; sealing the same plaintext
    /// twice gives different bytes.
    /// - Returns: `version ‖ nonce ‖ ciphertext ‖ tag`, ``overheadByteCount`` bytes longer than `plaintext`.
    /// - Throws: ``CryptoError/invalidKeyLength(expected:actual:)``, ``CryptoError/inputTooLarge(limit:)``,
    ///   ``CryptoError/openSSL(function:reason:)``.
    public static func seal(
        _ plaintext: [UInt8], key: [UInt8], associatedData: [UInt8] = []
    ) throws(CryptoError) -> [UInt8] {
        try checkInputs(key: key, data: plaintext, associatedData: associatedData)
        let nonce = SecureRandom.bytes(nonceByteCount)
        var ciphertext = [UInt8](repeating: 0, count: plaintext.count)
        var tag = [UInt8](repeating: 0, count: tagByteCount)
        let context = try CipherContext()
        try context.run { cipher throws(CryptoError) in
            try OpenSSLError.check(
                EVP_EncryptInit_ex(cipher, EVP_aes_256_gcm(), nil, nil, nil), "EVP_EncryptInit_ex")
            try OpenSSLError.check(
                EVP_CIPHER_CTX_ctrl(cipher, EVP_CTRL_GCM_SET_IVLEN, Int32(nonceByteCount), nil), "EVP_CIPHER_CTX_ctrl")
            try OpenSSLError.check(EVP_EncryptInit_ex(cipher, nil, nil, key, nonce), "EVP_EncryptInit_ex")
            var length: Int32 = 0
            try OpenSSLError.check(EVP_EncryptUpdate(cipher, nil, &length, [version], 1), "EVP_EncryptUpdate")
            if !associatedData.isEmpty {
                try OpenSSLError.check(
                    EVP_EncryptUpdate(cipher, nil, &length, associatedData, Int32(associatedData.count)),
                    "EVP_EncryptUpdate")
            }
            // Skipped when empty: with a NULL output pointer GCM would treat the input as associated data.
            if !plaintext.isEmpty {
                let result = ciphertext.withUnsafeMutableBufferPointer { output in
                    EVP_EncryptUpdate(cipher, output.baseAddress, &length, plaintext, Int32(plaintext.count))
                }
                try OpenSSLError.check(result, "EVP_EncryptUpdate")
                guard Int(length) == plaintext.count else {
                    throw .openSSL(function: "EVP_EncryptUpdate", reason: "unexpected output length")
                }
            }
            var scratch = [UInt8](repeating: 0, count: 32)  // GCM writes nothing here
            try OpenSSLError.check(EVP_EncryptFinal_ex(cipher, &scratch, &length), "EVP_EncryptFinal_ex")
            let tagResult = tag.withUnsafeMutableBytes { output in
                EVP_CIPHER_CTX_ctrl(cipher, EVP_CTRL_GCM_GET_TAG, Int32(tagByteCount), output.baseAddress)
            }
            try OpenSSLError.check(tagResult, "EVP_CIPHER_CTX_ctrl")
        }
        var sealed = [UInt8]()
        sealed.reserveCapacity(overheadByteCount + plaintext.count)
        sealed.append(version)
        sealed += nonce
        sealed += ciphertext
        sealed += tag
        return sealed
    }

    /// Checks and decrypts a value made by ``seal(_:key:associatedData:)``.
    /// - Throws: ``CryptoError/authenticationFailed`` for a wrong key, different `associatedData` or altered
    ///   bytes (no partial plaintext is ever returned); ``CryptoError/malformedSealedBox`` if too short;
    ///   ``CryptoError/unsupportedVersion(_:)``; ``CryptoError/invalidKeyLength(expected:actual:)``.
    public static func open(
        _ sealed: [UInt8], key: [UInt8], associatedData: [UInt8] = []
    ) throws(CryptoError) -> [UInt8] {
        guard sealed.count >= overheadByteCount else { throw .malformedSealedBox }
        guard sealed[0] == version else { throw .unsupportedVersion(sealed[0]) }
        let ciphertextRange = (1 + nonceByteCount)..<(sealed.count - tagByteCount)
        let nonce = Array(sealed[1..<ciphertextRange.lowerBound])
        let ciphertext = Array(sealed[ciphertextRange])
        var tag = Array(sealed[ciphertextRange.upperBound...])
        try checkInputs(key: key, data: ciphertext, associatedData: associatedData)
        var plaintext = [UInt8](repeating: 0, count: ciphertext.count)
        let context = try CipherContext()
        let authentic = try context.run { cipher throws(CryptoError) -> Bool in
            try OpenSSLError.check(
                EVP_DecryptInit_ex(cipher, EVP_aes_256_gcm(), nil, nil, nil), "EVP_DecryptInit_ex")
            try OpenSSLError.check(
                EVP_CIPHER_CTX_ctrl(cipher, EVP_CTRL_GCM_SET_IVLEN, Int32(nonceByteCount), nil), "EVP_CIPHER_CTX_ctrl")
            try OpenSSLError.check(EVP_DecryptInit_ex(cipher, nil, nil, key, nonce), "EVP_DecryptInit_ex")
            var length: Int32 = 0
            try OpenSSLError.check(EVP_DecryptUpdate(cipher, nil, &length, [version], 1), "EVP_DecryptUpdate")
            if !associatedData.isEmpty {
                try OpenSSLError.check(
                    EVP_DecryptUpdate(cipher, nil, &length, associatedData, Int32(associatedData.count)),
                    "EVP_DecryptUpdate")
            }
            if !ciphertext.isEmpty {
                let result = plaintext.withUnsafeMutableBufferPointer { output in
                    EVP_DecryptUpdate(cipher, output.baseAddress, &length, ciphertext, Int32(ciphertext.count))
                }
                try OpenSSLError.check(result, "EVP_DecryptUpdate")
            }
            let tagResult = tag.withUnsafeMutableBytes { input in
                EVP_CIPHER_CTX_ctrl(cipher, EVP_CTRL_GCM_SET_TAG, Int32(tagByteCount), input.baseAddress)
            }
            try OpenSSLError.check(tagResult, "EVP_CIPHER_CTX_ctrl")
            var scratch = [UInt8](repeating: 0, count: 32)
            return EVP_DecryptFinal_ex(cipher, &scratch, &length) > 0
        }
        guard authentic else {
            OpenSSLError.clear()
            // Unauthenticated plaintext must never leave this function, nor linger in memory.
            plaintext.withUnsafeMutableBytes { OPENSSL_cleanse($0.baseAddress, $0.count) }
            throw .authenticationFailed
        }
        return plaintext
    }

    private static func checkInputs(
        key: [UInt8], data: [UInt8], associatedData: [UInt8]
    ) throws(CryptoError) {
        guard key.count == keyByteCount else { throw .invalidKeyLength(expected: keyByteCount, actual: key.count) }
        guard data.count <= maxInputByteCount, associatedData.count <= maxInputByteCount else {
            throw .inputTooLarge(limit: maxInputByteCount)
        }
    }
}

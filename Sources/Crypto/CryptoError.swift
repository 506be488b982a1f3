/// Errors thrown by the `Crypto` module. Descriptions never contain key material, plaintext or secrets.
public enum CryptoError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A key had the wrong length (``SealedBox`` needs exactly ``SealedBox/keyByteCount`` bytes).
    case invalidKeyLength(expected: Int, actual: Int)
    /// A configured secret was too short to derive a key from (see ``SealedBox/deriveKey(fromSecret:purpose:)``).
    case secretTooShort(minimumBytes: Int)
    /// An argument was out of range, e.g. an HKDF output length over 255 × 32 bytes.
    case invalidParameter(String)
    /// The input is larger than the operation accepts.
    case inputTooLarge(limit: Int)
    /// The sealed bytes are too short to be a ``SealedBox`` (version, nonce and tag).
    case malformedSealedBox
    /// The sealed bytes start with a format version this code does not know.
    case unsupportedVersion(UInt8)
    /// Decryption failed authentication: wrong key, wrong associated data, or the bytes were altered.
    case authenticationFailed
    /// An OpenSSL call failed unexpectedly; `reason` is the text of OpenSSL's error queue (if any).
    case openSSL(function: String, reason: String)

    public var description: String {
        switch self {
        case .invalidKeyLength(let expected, let actual): "invalid key length \(actual) (expected \(expected) bytes)"
        case .secretTooShort(let minimum): "secret too short (at least \(minimum) bytes required)"
        case .invalidParameter(let what): "invalid parameter: \(what)"
        case .inputTooLarge(let limit): "input too large (limit \(limit) bytes)"
        case .malformedSealedBox: "malformed sealed box"
        case .unsupportedVersion(let version): "unsupported sealed box version \(version)"
        case .authenticationFailed: "authentication failed (wrong key, wrong associated data or tampered data)"
        case .openSSL(let function, let reason): "OpenSSL \(function) failed: \(reason)"
        }
    }
}

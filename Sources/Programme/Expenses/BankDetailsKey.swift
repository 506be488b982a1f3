import Crypto
import Store

/// The key bank details are sealed with (AES-256-GCM), and its short public id stored beside every sealed row.
///
/// In production it comes from the configuration (`expenses.data_key`, at least 32 random bytes of text, e.g.
/// `openssl rand -base64 32`), so a copy of the database file alone cannot open bank details. Without a configured
/// key, a random secret stored in the database is used (id `database`): readable only with the file, which keeps
/// IBANs out of logs and exports but not away from whoever holds the file.
public struct BankDetailsKey: Sendable, Hashable {
    /// The id of the key derived from the per-database secret.
    public static let databaseKeyID = "database"

    /// The first 16 hex digits of a hash of the key; tells which key sealed a row without revealing it.
    public let id: String
    let bytes: [UInt8]

    /// The key derived from a configured secret.
    /// - Throws: `CryptoError.secretTooShort` for a secret under 32 bytes.
    public init(configuredSecret secret: String) throws(CryptoError) {
        let bytes = try SealedBox.deriveKey(fromSecret: secret, purpose: "bank-details")
        self.init(id: String(SHA256.hex(bytes + Array("tandem/key-id".utf8)).prefix(16)), bytes: bytes)
    }

    private init(id: String, bytes: [UInt8]) {
        self.id = id
        self.bytes = bytes
    }

    /// The key derived from the database's own secret, created on first use.
    static func database(_ connection: Connection, now: Int64) throws -> BankDetailsKey {
        let secret = try BankDetailsSecretRepository(connection).secret(orStore: { SecureRandom.token() }, now: now)
        return BankDetailsKey(id: databaseKeyID, bytes: try SealedBox.deriveKey(fromSecret: secret, purpose: "bank-details"))
    }
}

/// Why sealed bank details cannot be opened.
public enum BankDetailsKeyError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The row was sealed with a configured key other than the one configured now (or none is configured).
    case keyMismatch(sealedWith: String, configured: String?)

    public var description: String {
        switch self {
        case .keyMismatch(let sealed, let configured?):
            "bank details were sealed with key \(sealed), but the configured expenses.data_key is key \(configured)"
        case .keyMismatch(let sealed, nil):
            "bank details were sealed with key \(sealed): set that expenses.data_key in the configuration"
        }
    }
}

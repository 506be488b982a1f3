import Crypto
import Store

/// The key behind the reply address of every mail Tandem sends, `tandem+TOKEN@domain`: TOKEN is the first 128 bits
/// of HMAC-SHA256 over the recipient's address and the mail's Message-ID, as 32 hex digits. Only someone who
/// received that mail knows it, so a reply that carries it — whatever its From says — comes from someone who reads
/// that mailbox; a token is valid only for the address it was sent to.
///
/// The key comes from `email.reply_key` (at least 32 random bytes of text) or, unset, from a secret generated once
/// and stored in the database. Changing it invalidates the reply addresses of mail already sent (those replies are
/// then treated as bare mail: sensitive requests ask for a confirmation).
public struct ReplyKey: Sendable {
    /// The name of the generated secret in the database's `secrets` table.
    public static let storedSecretName = "email-reply-key"
    /// Hex digits of a token: 128 bits.
    public static let tokenLength = 32

    private let key: [UInt8]

    /// The key derived from a configured secret.
    /// - Throws: `CryptoError.secretTooShort` for a secret under 32 bytes.
    public init(configuredSecret secret: String) throws(CryptoError) {
        key = try SealedBox.deriveKey(fromSecret: secret, purpose: "email-reply-address")
    }

    /// The key derived from the database's own secret, created on first use.
    public static func stored(in connection: Connection, now: Int64) throws -> ReplyKey {
        let secret = try SecretRepository(connection).secret(
            named: storedSecretName, orStore: { SecureRandom.token() }, now: now)
        return try ReplyKey(configuredSecret: secret)
    }

    /// The token of the mail `messageID` sent to `address` (lowercased).
    public func token(address: String, messageID: String) -> String {
        let message = Array("tandem/reply/v1\n\(address.lowercased())\n\(messageID)".utf8)
        return String(HMAC.sha256Hex(key: key, message: message).prefix(Self.tokenLength))
    }

    /// Whether `token` is the one of the mail `messageID` sent to `address` (compared in constant time).
    public func isValid(_ token: String, address: String, messageID: String) -> Bool {
        ConstantTime.equals(token.lowercased(), self.token(address: address, messageID: messageID))
    }
}

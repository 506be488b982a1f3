import Crypto

/// Mailgun's webhook signature: `signature` = hex HMAC-SHA256, keyed with the webhook signing key, of
/// `timestamp` followed by `token`; a timestamp more than five minutes away from now is refused
/// (``MailgunTimestamp``). The signature does not cover the message: each token may be used only once, which
/// ``EmailWebhook`` enforces with `MailgunTokenRepository`.
public enum MailgunSignature {
    /// Mailgun's tokens are 50 characters; anything much longer is not one (and would not be stored).
    public static let maxTokenBytes = 256

    /// Whether the fields are signed with `key` and fresh at `now` (epoch ms). An empty key accepts nothing.
    public static func isValid(timestamp: String, token: String, signature: String, key: String, now: Int64) -> Bool {
        guard !key.isEmpty, !token.isEmpty, token.utf8.count <= maxTokenBytes,
              MailgunTimestamp.isFresh(timestamp, now: now) else { return false }
        let expected = HMAC.sha256Hex(key: Array(key.utf8), message: Array((timestamp + token).utf8))
        return ConstantTime.equals(expected, signature.lowercased())
    }
}

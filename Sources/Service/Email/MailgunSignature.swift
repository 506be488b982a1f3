import Crypto

/// Mailgun's webhook signature: `signature` = hex HMAC-SHA256, keyed with the webhook signing key, of
/// `timestamp` followed by `token`; a timestamp more than five minutes away from now is refused (replays).
public enum MailgunSignature {
    /// How far the timestamp may be from now, in seconds.
    public static let maxSkewSeconds: Int64 = 300

    /// Whether the fields are signed with `key` and fresh at `now` (epoch ms). An empty key accepts nothing.
    public static func isValid(timestamp: String, token: String, signature: String, key: String, now: Int64) -> Bool {
        guard !key.isEmpty, !token.isEmpty, let seconds = Int64(timestamp),
              abs(now / 1000 - seconds) <= maxSkewSeconds else { return false }
        let expected = HMAC.sha256Hex(key: Array(key.utf8), message: Array((timestamp + token).utf8))
        return ConstantTime.equals(expected, signature.lowercased())
    }
}

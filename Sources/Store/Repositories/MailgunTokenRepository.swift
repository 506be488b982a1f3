/// Mailgun webhook tokens already used: each is accepted once, and remembered until its signature expires.
public struct MailgunTokenRepository {
    let connection: Connection

    public init(_ connection: Connection) { self.connection = connection }

    /// Records `token` as used until `expiresAt` (epoch ms), after forgetting tokens expired at `now`. Returns
    /// `false` if it was already used (a replay).
    public func use(_ token: String, expiresAt: Int64, now: Int64) throws(StoreError) -> Bool {
        try connection.run("DELETE FROM mailgun_tokens WHERE expires_at < ?", [now])
        try connection.run(
            "INSERT INTO mailgun_tokens (token, expires_at) VALUES (?, ?) ON CONFLICT (token) DO NOTHING",
            [token, expiresAt])
        return connection.changes == 1
    }
}

extension Schema {
    /// What the webhook endpoints remember (issue 15; migrations 80–84).
    static let webhooks: [Migration] = [mailgunTokens]

    static let mailgunTokens = Migration(version: 80, name: "Mailgun webhook tokens already used", sql: """
        -- A Mailgun signature covers only timestamp and token, not the message: a captured post could be replayed
        -- with any message while its timestamp is fresh. Each token is accepted once; a row is kept until its
        -- timestamp would be refused as stale anyway (expires_at, epoch ms), so the table stays small.
        CREATE TABLE mailgun_tokens (
            token TEXT PRIMARY KEY,
            expires_at INTEGER NOT NULL
        ) WITHOUT ROWID;
        CREATE INDEX mailgun_tokens_expiry ON mailgun_tokens(expires_at);
        """)
}

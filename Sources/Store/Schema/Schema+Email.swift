extension Schema {
    /// The email channel: mail received (de-duplication by Message-ID, why mail was ignored) and the headers of
    /// mail sent (Message-IDs and reply tags, so replies are threaded and matched).
    static let email: [Migration] = [
        Migration(version: 20, name: "email inbound and outgoing mail", sql: """
            -- Every email received by webhook, once per Message-ID, also those not processed (and why not).
            CREATE TABLE email_inbound (
                message_id TEXT PRIMARY KEY,
                sender TEXT NOT NULL,
                outcome TEXT NOT NULL CHECK (outcome IN ('processed', 'ignored')),
                reason TEXT,
                received_at INTEGER NOT NULL
            );
            -- The headers of an outbox row sent as email: fixed when queued (or at the first attempt), so a retry
            -- sends the same Message-ID and a reply's In-Reply-To, References or +tag finds the conversation.
            CREATE TABLE email_outgoing (
                outbox_id INTEGER PRIMARY KEY REFERENCES outbox(id) ON DELETE CASCADE,
                message_id TEXT NOT NULL UNIQUE,
                tag TEXT NOT NULL UNIQUE,
                address TEXT NOT NULL,
                subject TEXT NOT NULL,
                in_reply_to TEXT,
                reference_ids TEXT NOT NULL DEFAULT '',
                auto_submitted TEXT NOT NULL,
                created_at INTEGER NOT NULL
            );
            CREATE INDEX email_outgoing_address ON email_outgoing(address, outbox_id);
            CREATE INDEX outbox_sent ON outbox(channel, address, sent_at) WHERE status = 'sent';
            """),
    ]
}

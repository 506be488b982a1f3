extension Schema {
    /// Who really sent a message: conversations a channel could not vouch for, and the actions of sensitive flows
    /// held until the person confirms them from the address on record.
    static let identity: [Migration] = [
        Migration(version: 21, name: "held actions and unverified conversations", sql: """
            -- 1 while the open flow has taken a message the channel could not vouch for (an email without a reply
            -- token or a passing DMARC result); back to 0 when the conversation is idle again.
            ALTER TABLE conversations ADD COLUMN unverified INTEGER NOT NULL DEFAULT 0;
            -- The action of a sensitive flow (`sensitive: yes`) completed by an unverified conversation: not run, but
            -- kept until a reply carrying `token` (one-time, 128 random bits) confirms it before `expires_at`.
            -- `request` is the flow's answers in the conversation-state format; emptied once settled.
            CREATE TABLE held_actions (
                id INTEGER PRIMARY KEY,
                conversation_id INTEGER NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
                participant_id INTEGER NOT NULL REFERENCES participants(id) ON DELETE CASCADE,
                token TEXT NOT NULL UNIQUE,
                action TEXT NOT NULL,
                request TEXT NOT NULL,
                source_message_id INTEGER REFERENCES inbound_messages(id) ON DELETE SET NULL,
                created_at INTEGER NOT NULL,
                expires_at INTEGER NOT NULL,
                settled_at INTEGER,
                outcome TEXT CHECK (outcome IN ('confirmed', 'declined'))
            );
            CREATE INDEX held_actions_participant ON held_actions(participant_id, expires_at);
            """),
        Migration(version: 22, name: "messages from strangers", sql: """
            -- The sender's domain (mail domain, Matrix server) of a message from someone Tandem does not know; NULL
            -- for participants. Flood limits per domain and for all strangers count these; their text is not kept.
            ALTER TABLE inbound_messages ADD COLUMN stranger_domain TEXT;
            -- 1 when Tandem answered that stranger's message (a hint a day, a few answers at most).
            ALTER TABLE inbound_messages ADD COLUMN stranger_answered INTEGER NOT NULL DEFAULT 0;
            CREATE INDEX inbound_strangers ON inbound_messages(received_at) WHERE stranger_domain IS NOT NULL;
            CREATE INDEX inbound_stranger_domains ON inbound_messages(stranger_domain, received_at)
                WHERE stranger_domain IS NOT NULL;
            """),
        Migration(version: 23, name: "email bounces per address", sql: """
            -- Permanent delivery failures of mail to an address since it last wrote to Tandem: a failure report that
            -- came back to a mail's own reply address, or a 5xx answer of the SMTP server. Tandem stops mailing an
            -- address at three; a mail from it starts the count again.
            CREATE TABLE email_bounces (
                address TEXT PRIMARY KEY,
                bounces INTEGER NOT NULL,
                last_bounce_at INTEGER NOT NULL,
                last_reason TEXT NOT NULL
            );
            """),
        Migration(version: 24, name: "files kept only while something needs them", sql: """
            -- The scheduler deletes files nothing refers to once every flow that could still hold them has expired
            -- (a stranger's, a cancelled receipt, a dropped draft's): it finds old files by this index.
            CREATE INDEX attachments_created ON attachments(created_at);
            """),
    ]
}

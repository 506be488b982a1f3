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
    ]
}

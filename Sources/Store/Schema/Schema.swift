/// Tandem's schema, one migration per change. Append new migrations; never edit a released one.
/// Timestamps are Unix epoch milliseconds (INTEGER); calendar dates are ISO `YYYY-MM-DD` text.
public enum Schema {
    public static let migrations: [Migration] = [
        Migration(version: 1, name: "participants, conversations, inbound, outbox, mentoring log", sql: """
            CREATE TABLE participants (
                id INTEGER PRIMARY KEY,
                name TEXT NOT NULL DEFAULT '',
                language TEXT NOT NULL DEFAULT 'en',
                time_zone TEXT NOT NULL DEFAULT 'UTC',
                created_at INTEGER NOT NULL
            );
            -- An address is how a participant is reached on one channel (a Matrix ID, an email, a console name).
            CREATE TABLE addresses (
                channel TEXT NOT NULL,
                address TEXT NOT NULL,
                participant_id INTEGER NOT NULL REFERENCES participants(id) ON DELETE CASCADE,
                PRIMARY KEY (channel, address)
            );
            CREATE INDEX addresses_participant ON addresses(participant_id);
            -- The dialogue state of one participant in one place (a chat room, an email address, a terminal).
            -- In a group room each member has their own conversation with Tandem.
            CREATE TABLE conversations (
                id INTEGER PRIMARY KEY,
                participant_id INTEGER NOT NULL REFERENCES participants(id) ON DELETE CASCADE,
                channel TEXT NOT NULL,
                address TEXT NOT NULL,
                state TEXT NOT NULL,
                updated_at INTEGER NOT NULL,
                UNIQUE (channel, address, participant_id)
            );
            -- Every inbound message, once: (channel, external_id) de-duplicates redeliveries.
            CREATE TABLE inbound_messages (
                id INTEGER PRIMARY KEY,
                channel TEXT NOT NULL,
                external_id TEXT NOT NULL,
                sender TEXT NOT NULL,
                conversation_id INTEGER REFERENCES conversations(id) ON DELETE SET NULL,
                body TEXT NOT NULL,
                received_at INTEGER NOT NULL,
                UNIQUE (channel, external_id)
            );
            -- Replies and notifications, written in the same transaction as the change that caused them.
            -- kind: 'message' (text to the address) or 'join' (the bot joins the room at the address).
            CREATE TABLE outbox (
                id INTEGER PRIMARY KEY,
                conversation_id INTEGER REFERENCES conversations(id) ON DELETE SET NULL,
                channel TEXT NOT NULL,
                kind TEXT NOT NULL DEFAULT 'message' CHECK (kind IN ('message', 'join')),
                address TEXT NOT NULL,
                body TEXT NOT NULL,
                status TEXT NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'sent', 'dead')),
                attempts INTEGER NOT NULL DEFAULT 0,
                next_attempt_at INTEGER NOT NULL DEFAULT 0,
                last_error TEXT,
                created_at INTEGER NOT NULL,
                sent_at INTEGER
            );
            CREATE INDEX outbox_queue ON outbox(channel, status, next_attempt_at, id);
            CREATE INDEX outbox_address ON outbox(channel, address, status, id);
            -- The mentoring log: one row per meeting a participant logged.
            CREATE TABLE log_entries (
                id INTEGER PRIMARY KEY,
                participant_id INTEGER NOT NULL REFERENCES participants(id) ON DELETE CASCADE,
                meeting_date TEXT NOT NULL,
                start_time TEXT,
                duration_minutes INTEGER NOT NULL CHECK (duration_minutes > 0),
                topics TEXT NOT NULL,
                next_steps TEXT,
                source_message_id INTEGER REFERENCES inbound_messages(id) ON DELETE SET NULL,
                created_at INTEGER NOT NULL
            );
            CREATE INDEX log_entries_participant ON log_entries(participant_id, meeting_date);
            -- Files people sent (receipts, documents), stored once per content: the SHA-256 is the key.
            CREATE TABLE attachments (
                sha256 TEXT PRIMARY KEY,
                filename TEXT NOT NULL,
                media_type TEXT NOT NULL,
                size INTEGER NOT NULL,
                bytes BLOB NOT NULL,
                created_at INTEGER NOT NULL
            );
            -- Matrix transactions already stored: a repeated txnId, even after a restart, changes nothing.
            CREATE TABLE matrix_transactions (
                txn_id TEXT PRIMARY KEY,
                events INTEGER NOT NULL,
                received_at INTEGER NOT NULL
            );
            -- Rooms the bot was invited to: a direct chat with one person, or a group room (a pair's room).
            CREATE TABLE matrix_rooms (
                room_id TEXT PRIMARY KEY,
                invited_by TEXT NOT NULL,
                is_direct INTEGER NOT NULL,
                encrypted INTEGER NOT NULL DEFAULT 0,
                warned_encrypted INTEGER NOT NULL DEFAULT 0,
                joined_at INTEGER
            );
            """),
    ]
}

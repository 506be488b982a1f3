/// Tandem's schema, one migration per change, each area's in its own `Schema+Area.swift`. Append new migrations;
/// never edit a released one. Timestamps are Unix epoch milliseconds (INTEGER); calendar dates are ISO
/// `YYYY-MM-DD` text.
public enum Schema {
    public static let migrations: [Migration] =
        [core] + participantRecords + expenses + email + identity + facilitation + safeguarding + outbox
        + performance + matrix + webhooks + school + performanceUnderLoad

    static let core =
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
            CREATE INDEX inbound_sender ON inbound_messages(channel, sender, received_at);
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
            -- A programme: an instance of a template with its own start date, time zone and join code.
            CREATE TABLE programmes (
                id INTEGER PRIMARY KEY,
                name TEXT NOT NULL UNIQUE,
                template TEXT NOT NULL,
                start_date TEXT NOT NULL,
                time_zone TEXT NOT NULL,
                join_code TEXT NOT NULL UNIQUE,
                created_at INTEGER NOT NULL
            );
            CREATE TABLE cohorts (
                id INTEGER PRIMARY KEY,
                programme_id INTEGER NOT NULL REFERENCES programmes(id) ON DELETE CASCADE,
                name TEXT NOT NULL,
                UNIQUE (programme_id, name)
            );
            -- A mentoring pair (a mentor with several mentees has one pair per mentee).
            CREATE TABLE pairs (
                id INTEGER PRIMARY KEY,
                programme_id INTEGER NOT NULL REFERENCES programmes(id) ON DELETE CASCADE,
                cohort_id INTEGER REFERENCES cohorts(id) ON DELETE SET NULL,
                label TEXT NOT NULL,
                UNIQUE (programme_id, label)
            );
            -- Who plays which role in a programme: mentees and mentors in a pair, facilitators for a cohort,
            -- coordinators, finance coordinators and safeguarding leads for the whole programme.
            CREATE TABLE enrolments (
                id INTEGER PRIMARY KEY,
                programme_id INTEGER NOT NULL REFERENCES programmes(id) ON DELETE CASCADE,
                participant_id INTEGER NOT NULL REFERENCES participants(id) ON DELETE CASCADE,
                role TEXT NOT NULL CHECK (role IN
                    ('mentee', 'mentor', 'facilitator', 'finance_coordinator', 'coordinator', 'safeguarding_lead')),
                pair_id INTEGER REFERENCES pairs(id) ON DELETE CASCADE,
                cohort_id INTEGER REFERENCES cohorts(id) ON DELETE SET NULL,
                supervisor_email TEXT,
                guardian_consent INTEGER NOT NULL DEFAULT 0,
                created_at INTEGER NOT NULL
            );
            CREATE UNIQUE INDEX enrolments_unique ON enrolments(programme_id, participant_id, role, COALESCE(pair_id, 0));
            CREATE INDEX enrolments_participant ON enrolments(participant_id);
            CREATE INDEX enrolments_pair ON enrolments(pair_id);
            -- The mentoring log: one row per meeting a participant logged.
            CREATE TABLE log_entries (
                id INTEGER PRIMARY KEY,
                participant_id INTEGER NOT NULL REFERENCES participants(id) ON DELETE CASCADE,
                programme_id INTEGER REFERENCES programmes(id) ON DELETE CASCADE,
                pair_id INTEGER REFERENCES pairs(id) ON DELETE SET NULL,
                meeting_date TEXT NOT NULL,
                start_time TEXT,
                duration_minutes INTEGER NOT NULL CHECK (duration_minutes > 0),
                topics TEXT NOT NULL,
                next_steps TEXT,
                source_message_id INTEGER REFERENCES inbound_messages(id) ON DELETE SET NULL,
                created_at INTEGER NOT NULL
            );
            CREATE INDEX log_entries_participant ON log_entries(participant_id, meeting_date);
            CREATE INDEX log_entries_pair ON log_entries(pair_id, meeting_date);
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
            """)
}

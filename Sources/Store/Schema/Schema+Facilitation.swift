extension Schema {
    /// Broadcasts with their per-recipient delivery, the reminders the scheduler already sent, and agreed sessions
    /// a pair said did not take place.
    static let facilitation: [Migration] = [broadcasts, reminders, sessionCancellations]

    static let broadcasts = Migration(version: 30, name: "broadcasts and their recipients", sql: """
        -- A message from a facilitator or coordinator to many people. body NULL = "the next step" (each recipient
        -- gets their pair's current step instruction in their language). audience: everyone | cohort | pair;
        -- roles: the pair roles reached (e.g. 'mentee,mentor'). status: draft (shown, not confirmed), scheduled
        -- (confirmed, waits for send_at), sent (recipients expanded), discarded (replaced by a newer draft).
        CREATE TABLE broadcasts (
            id INTEGER PRIMARY KEY,
            programme_id INTEGER NOT NULL REFERENCES programmes(id) ON DELETE CASCADE,
            author_id INTEGER NOT NULL REFERENCES participants(id) ON DELETE CASCADE,
            audience TEXT NOT NULL CHECK (audience IN ('everyone', 'cohort', 'pair')),
            target TEXT,
            roles TEXT NOT NULL,
            body TEXT,
            send_at INTEGER NOT NULL,
            status TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'scheduled', 'sent', 'discarded')),
            created_at INTEGER NOT NULL,
            sent_at INTEGER
        );
        CREATE INDEX broadcasts_due ON broadcasts(status, send_at);
        CREATE INDEX broadcasts_author ON broadcasts(author_id, id);
        -- One row per person a broadcast reached, written with its outbox row: the unique key means nobody
        -- gets a broadcast twice, even after a restart. outbox_id NULL = the person has no address.
        -- Delivery status (queued, sent, failed with reason) is read from the outbox row.
        CREATE TABLE broadcast_recipients (
            broadcast_id INTEGER NOT NULL REFERENCES broadcasts(id) ON DELETE CASCADE,
            participant_id INTEGER NOT NULL REFERENCES participants(id) ON DELETE CASCADE,
            pair_id INTEGER REFERENCES pairs(id) ON DELETE SET NULL,
            channel TEXT,
            outbox_id INTEGER REFERENCES outbox(id) ON DELETE SET NULL,
            created_at INTEGER NOT NULL,
            PRIMARY KEY (broadcast_id, participant_id)
        );
        """)

    static let reminders = Migration(version: 31, name: "reminders sent by the scheduler", sql: """
        -- Every reminder item the scheduler sent: kind (quiet, deadline, deadline_late), to whom, about what
        -- (a pair id, a document id) and for which period (the quiet period's start, the due date). The unique
        -- key means an item is never sent twice; several items to one person in one run share one message.
        CREATE TABLE reminders_sent (
            id INTEGER PRIMARY KEY,
            kind TEXT NOT NULL,
            participant_id INTEGER NOT NULL REFERENCES participants(id) ON DELETE CASCADE,
            subject TEXT NOT NULL,
            period TEXT NOT NULL,
            outbox_id INTEGER REFERENCES outbox(id) ON DELETE SET NULL,
            created_at INTEGER NOT NULL,
            UNIQUE (kind, participant_id, subject, period)
        );
        """)

    static let sessionCancellations = Migration(version: 32, name: "cancelled agenda sessions", sql: """
        -- An agreed session (a date of the pair's agenda) that one of the peers said did not take place, in answer
        -- to the scheduler's "did you meet?". A cancelled session is no longer expected: nobody is asked about it
        -- again and "who is behind" does not count it as unanswered.
        CREATE TABLE session_cancellations (
            id INTEGER PRIMARY KEY,
            programme_id INTEGER NOT NULL REFERENCES programmes(id) ON DELETE CASCADE,
            pair_id INTEGER NOT NULL REFERENCES pairs(id) ON DELETE CASCADE,
            session_date TEXT NOT NULL,
            participant_id INTEGER NOT NULL REFERENCES participants(id) ON DELETE CASCADE,
            source_message_id INTEGER REFERENCES inbound_messages(id) ON DELETE SET NULL,
            created_at INTEGER NOT NULL,
            UNIQUE (pair_id, session_date)
        );
        """)
}

extension Schema {
    /// Matrix bookkeeping beyond the first schema: what makes a transaction or an event a repeat.
    static let matrix: [Migration] = [
        matrixEventDeduplication, matrixMembers, lastAnswers, secretMessages, lastAnswerIndex,
    ]

    static let matrixEventDeduplication = Migration(
        version: 70, name: "matrix: de-duplicate events by event ID, transactions only as a shortcut", sql: """
        -- A txnId is not unique forever: Synapse numbers transactions from 1 again after a restart with nothing
        -- pending. events_hash is the SHA-256 of the transaction's event IDs, in order: the same txnId with the same
        -- events is a re-send (skipped at once); the same txnId with other events is new and is processed.
        ALTER TABLE matrix_transactions ADD COLUMN events_hash TEXT;
        -- Events other than messages already applied (invites, membership, encryption), by their globally unique
        -- event ID. Messages are de-duplicated by event ID in inbound_messages.
        CREATE TABLE matrix_events (
            event_id TEXT PRIMARY KEY,
            received_at INTEGER NOT NULL
        );
        """)

    static let matrixMembers = Migration(version: 71, name: "matrix: room members, direct chats by membership", sql: """
        -- Who is in each room besides the bot, as its m.room.member events say (and, when the bot joins, the room's
        -- members as the homeserver lists them). membership: join, invite, leave, ban, knock.
        CREATE TABLE matrix_members (
            room_id TEXT NOT NULL REFERENCES matrix_rooms(room_id) ON DELETE CASCADE,
            user_id TEXT NOT NULL,
            membership TEXT NOT NULL,
            PRIMARY KEY (room_id, user_id)
        );
        CREATE INDEX matrix_members_user ON matrix_members(user_id);
        -- bot_membership: the bot's own ('invite' until it joined, 'join', 'leave' or 'ban' once out).
        -- members_known: 1 once the homeserver listed the room's members (or the bot made the room itself); until
        --   then only an invite marked is_direct makes a room a direct chat.
        -- dm_user: the one person in the room besides the bot (joined or invited) when there is exactly one and the
        --   bot is in: that person's direct chat (personal messages go there unless it is encrypted). NULL for a
        --   group room. Kept up to date by MatrixRoomRepository on every membership change.
        -- created_at: when Tandem first saw the room (a person's newest direct chat is the one used).
        ALTER TABLE matrix_rooms ADD COLUMN bot_membership TEXT NOT NULL DEFAULT 'invite';
        ALTER TABLE matrix_rooms ADD COLUMN members_known INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE matrix_rooms ADD COLUMN dm_user TEXT;
        ALTER TABLE matrix_rooms ADD COLUMN created_at INTEGER NOT NULL DEFAULT 0;
        CREATE INDEX matrix_rooms_dm_user ON matrix_rooms(dm_user);
        UPDATE matrix_rooms SET bot_membership = 'join' WHERE joined_at IS NOT NULL;
        UPDATE matrix_rooms SET created_at = COALESCE(joined_at, 0);
        -- The inviter of a direct chat is in it; whoever else is, joining again (which changes nothing for the
        -- homeserver) lists them.
        INSERT INTO matrix_members (room_id, user_id, membership)
            SELECT room_id, invited_by, 'join' FROM matrix_rooms WHERE is_direct = 1 AND invited_by <> 'removed';
        UPDATE matrix_rooms SET dm_user = invited_by
            WHERE is_direct = 1 AND bot_membership = 'join' AND invited_by <> 'removed';
        INSERT INTO outbox (channel, kind, address, body, created_at)
            SELECT 'matrix', 'join', room_id, '', CAST(strftime('%s', 'now') AS INTEGER) * 1000
            FROM matrix_rooms WHERE joined_at IS NOT NULL;
        """)

    static let lastAnswers = Migration(
        version: 72, name: "conversations remember the message of the last answer", sql: """
        -- The inbound message that answered the question a conversation's open flow last moved past, and which
        -- ('FLOW/QUESTION'): an edit of that message (Matrix m.replace) replaces the answer while the flow is open.
        -- Any other change of the conversation clears it.
        ALTER TABLE conversations ADD COLUMN last_answer_id INTEGER REFERENCES inbound_messages(id) ON DELETE SET NULL;
        ALTER TABLE conversations ADD COLUMN last_answer_slot TEXT;
        """)

    static let secretMessages = Migration(version: 73, name: "secret messages: not kept, redacted in Matrix", sql: """
        -- secret: the message answered a `secret` question (an IBAN). Its body is not kept (the answer is stored
        -- sealed where it belongs); in Matrix the event is redacted from the room.
        ALTER TABLE inbound_messages ADD COLUMN secret INTEGER NOT NULL DEFAULT 0;
        -- A Matrix outbox row that redacts a message: delivering it redacts event_id in the row's room, giving
        -- reason (in the person's language); only if the bot may not (403) is the row's text — asking the person to
        -- delete it — sent instead.
        CREATE TABLE matrix_redactions (
            outbox_id INTEGER PRIMARY KEY REFERENCES outbox(id) ON DELETE CASCADE,
            event_id TEXT NOT NULL,
            reason TEXT NOT NULL
        );
        """)

    static let lastAnswerIndex = Migration(version: 74, name: "conversations by their last answer", sql: """
        -- Deleting an inbound message sets conversations.last_answer_id to NULL where it pointed at it: without this
        -- index every such delete would read every conversation.
        CREATE INDEX conversations_last_answer ON conversations(last_answer_id);
        """)
}

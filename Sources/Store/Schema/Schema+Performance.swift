extension Schema {
    /// Indexes the hot paths need (issue 9: inbound throughput).
    static let performance: [Migration] = [conversationsByParticipant]
    /// Issue 17's (110–119), listed after the areas numbered below them.
    static let performanceUnderLoad: [Migration] = [
        sentEmailOnly, membershipVersion, matrixTransactionsByKey, queuedRowsIndexedAlone,
    ]

    static let conversationsByParticipant = Migration(
        version: 60, name: "conversations by participant, newest first", sql: """
        -- Notifying someone finds the conversation they used last (ActionContext.notify): without this index every
        -- notice scanned the whole conversations table. Not on updated_at too: every message changes that, and
        -- the few conversations of one participant sort at once.
        CREATE INDEX conversations_participant ON conversations(participant_id);
        """)

    static let sentEmailOnly = Migration(version: 110, name: "sent rows indexed for email only", sql: """
        -- Only email asks how much went to an address lately (its hourly limit per address). Indexing every sent
        -- Matrix reply too cost a page written per delivered reply under load (issue 17) and grew without end.
        DROP INDEX outbox_sent;
        CREATE INDEX outbox_sent_email ON outbox(address, sent_at) WHERE status = 'sent' AND channel = 'email';
        """)

    static let membershipVersion = Migration(
        version: 111, name: "a version of everyone's memberships", sql: """
        -- Every inbound message needs the sender's membership: their programme, enrolments, pair and the names of the
        -- people in it (two queries, about a tenth of the single writer's work under load, issue 17). It changes
        -- seldom, so the service keeps what it loaded with this version and loads again once it changed. Any write to
        -- what a membership is read from gives it a new random value: a version a rolled-back transaction set is never
        -- seen again, so nothing loaded inside one can be taken for committed data.
        CREATE TABLE membership_version (
            id INTEGER PRIMARY KEY CHECK (id = 1),
            version INTEGER NOT NULL
        );
        INSERT INTO membership_version (id, version) VALUES (1, random());

        """ + membershipTriggers.map { name, event in
            "CREATE TRIGGER membership_\(name) AFTER \(event)\n"
                + "    BEGIN UPDATE membership_version SET version = random(); END;"
        }.joined(separator: "\n"))

    static let matrixTransactionsByKey = Migration(
        version: 112, name: "Matrix transactions stored by their ID alone", sql: """
        -- Every pushed transaction is recorded by its txnId. As a rowid table with a separate key index, that was two
        -- b-trees and two pages written per transaction under load (issue 17); without a rowid the row lives in its
        -- key's b-tree. Nothing refers to a transaction's rowid.
        CREATE TABLE matrix_transactions_by_key (
            txn_id TEXT PRIMARY KEY,
            events INTEGER NOT NULL,
            received_at INTEGER NOT NULL,
            events_hash TEXT
        ) WITHOUT ROWID;
        INSERT INTO matrix_transactions_by_key (txn_id, events, received_at, events_hash)
            SELECT txn_id, events, received_at, events_hash FROM matrix_transactions;
        DROP TABLE matrix_transactions;
        ALTER TABLE matrix_transactions_by_key RENAME TO matrix_transactions;
        """)

    static let queuedRowsIndexedAlone = Migration(
        version: 113, name: "only queued outbox rows indexed for delivery", sql: """
        -- Every look for rows to deliver asks for queued rows, by channel and due time or by address. With sent rows
        -- in both indexes, marking a reply sent moved its entry in each (a delete and an insert, the address one on
        -- a page of its own): a fifth of the single writer's time under load went to those marks (issue 17). Now
        -- a sent or dead row leaves both indexes, which hold only what is still to deliver.
        DROP INDEX outbox_queue;
        DROP INDEX outbox_address;
        CREATE INDEX outbox_queue ON outbox(channel, next_attempt_at, id) WHERE status = 'queued';
        CREATE INDEX outbox_address ON outbox(channel, address, id) WHERE status = 'queued';
        """)

    /// What renews the membership version: every write to what `Membership.load` reads.
    private static let membershipTriggers = [
        ("enrolment_added", "INSERT ON enrolments"), ("enrolment_changed", "UPDATE ON enrolments"),
        ("enrolment_removed", "DELETE ON enrolments"), ("programme_changed", "UPDATE ON programmes"),
        ("programme_removed", "DELETE ON programmes"), ("pair_changed", "UPDATE ON pairs"),
        ("pair_removed", "DELETE ON pairs"), ("name_changed", "UPDATE OF name ON participants"),
        ("participant_removed", "DELETE ON participants"),
    ]
}

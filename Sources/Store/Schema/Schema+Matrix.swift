extension Schema {
    /// Matrix bookkeeping beyond the first schema: what makes a transaction or an event a repeat.
    static let matrix: [Migration] = [matrixEventDeduplication]

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
}

/// Matrix de-duplication: transactions and events already stored.
public struct MatrixRepository {
    let connection: Connection

    public init(_ connection: Connection) { self.connection = connection }

    /// Whether `txnID` was stored before with exactly these events (`eventsHash`): a re-sent transaction, which
    /// must change nothing. A txnId stored with other events (a homeserver numbering from 1 again) is not a repeat.
    public func isRepeat(_ txnID: String, eventsHash: String) throws -> Bool {
        try !connection.query(
            "SELECT 1 FROM matrix_transactions WHERE txn_id = ? AND events_hash = ?", [txnID, eventsHash]
        ).isEmpty
    }

    /// Records that `txnID` carried the events hashed as `eventsHash` (replacing what an earlier use of the same
    /// txnId carried). False when it was recorded with these very events before: a repeat, and nothing changed.
    /// (One statement where a look and a write were two, issue 17.)
    @discardableResult
    public func recordTransaction(_ txnID: String, eventsHash: String, events: Int, now: Int64) throws -> Bool {
        try connection.run("""
            INSERT INTO matrix_transactions (txn_id, events, received_at, events_hash) VALUES (?, ?, ?, ?)
            ON CONFLICT (txn_id) DO UPDATE SET events = excluded.events, received_at = excluded.received_at,
                events_hash = excluded.events_hash
            WHERE events_hash IS NOT excluded.events_hash
            """, [txnID, events, now, eventsHash])
        return connection.changes == 1
    }

    /// Records that a non-message event (an invite, a membership change) was applied; false when it was before —
    /// then it must change nothing.
    public func recordEvent(_ eventID: String, now: Int64) throws -> Bool {
        try connection.run(
            "INSERT INTO matrix_events (event_id, received_at) VALUES (?, ?) ON CONFLICT DO NOTHING", [eventID, now])
        return connection.changes == 1
    }
}

/// A room the bot was invited to.
public struct MatrixRoom: Sendable, Hashable {
    public let roomID: String
    public let invitedBy: String
    public let isDirect: Bool
    public let encrypted: Bool
    public let warnedEncrypted: Bool
}

/// Matrix bookkeeping: transactions and events already stored (durable de-duplication) and the rooms the bot is in.
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
    /// txnId carried).
    public func recordTransaction(_ txnID: String, eventsHash: String, events: Int, now: Int64) throws {
        try connection.run("""
            INSERT INTO matrix_transactions (txn_id, events, received_at, events_hash) VALUES (?, ?, ?, ?)
            ON CONFLICT (txn_id) DO UPDATE SET events = excluded.events, received_at = excluded.received_at,
                events_hash = excluded.events_hash
            """, [txnID, events, now, eventsHash])
    }

    /// Records that a non-message event (an invite, a membership change) was applied; false when it was before —
    /// then it must change nothing.
    public func recordEvent(_ eventID: String, now: Int64) throws -> Bool {
        try connection.run(
            "INSERT INTO matrix_events (event_id, received_at) VALUES (?, ?) ON CONFLICT DO NOTHING", [eventID, now])
        return connection.changes == 1
    }

    public func room(_ roomID: String) throws -> MatrixRoom? {
        try connection.query(
            "SELECT room_id, invited_by, is_direct, encrypted, warned_encrypted FROM matrix_rooms WHERE room_id = ?",
            [roomID]
        ).first.map { row in
            MatrixRoom(
                roomID: row.string("room_id"), invitedBy: row.string("invited_by"), isDirect: row.bool("is_direct"),
                encrypted: row.bool("encrypted"), warnedEncrypted: row.bool("warned_encrypted"))
        }
    }

    /// Records an invitation; false when the room was already known (a repeated invite is not welcomed twice).
    public func recordInvite(roomID: String, invitedBy: String, isDirect: Bool) throws -> Bool {
        try connection.run(
            "INSERT INTO matrix_rooms (room_id, invited_by, is_direct) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
            [roomID, invitedBy, isDirect])
        return connection.changes == 1
    }

    public func markJoined(_ roomID: String, now: Int64) throws {
        try connection.run("UPDATE matrix_rooms SET joined_at = ? WHERE room_id = ?", [now, roomID])
    }

    /// Marks a room encrypted; true the first time a warning is due (then it is marked as warned).
    public func markEncrypted(_ roomID: String, invitedBy: String) throws -> Bool {
        try connection.run("""
            INSERT INTO matrix_rooms (room_id, invited_by, is_direct, encrypted) VALUES (?, ?, 0, 1)
            ON CONFLICT (room_id) DO UPDATE SET encrypted = 1
            """, [roomID, invitedBy])
        try connection.run(
            "UPDATE matrix_rooms SET warned_encrypted = 1 WHERE room_id = ? AND warned_encrypted = 0", [roomID])
        return connection.changes == 1
    }
}

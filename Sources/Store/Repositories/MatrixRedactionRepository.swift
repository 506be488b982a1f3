/// Redactions the Matrix outbox carries out: an outbox row (whose text asks the person to delete their message, in
/// case the bot may not) tied to the event to redact in the row's room.
public struct MatrixRedactionRepository {
    let connection: Connection

    public init(_ connection: Connection) { self.connection = connection }

    /// Queues the redaction of `eventID` in `roomID` for `reason`, with `fallback` to send if the bot may not.
    public func enqueue(_ eventID: String, in roomID: String, reason: String, fallback: String, now: Int64) throws {
        let id = try OutboxRepository(connection).enqueue(
            conversationID: nil, channel: .matrix, address: roomID, body: fallback, now: now)
        try connection.run(
            "INSERT INTO matrix_redactions (outbox_id, event_id, reason) VALUES (?, ?, ?)", [id, eventID, reason])
    }

    /// The event an outbox row redacts and why, if it is a redaction.
    public func redaction(outboxID: Int64) throws -> (eventID: String, reason: String)? {
        try connection.query("SELECT event_id, reason FROM matrix_redactions WHERE outbox_id = ?", [outboxID])
            .first.map { ($0.string("event_id"), $0.string("reason")) }
    }
}

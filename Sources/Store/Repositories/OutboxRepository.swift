/// A message waiting to leave (or that left) through a channel.
public struct OutboxMessage: Sendable, Hashable {
    public let id: Int64
    public let conversationID: Int64?
    public let channel: String
    public let address: String
    public let body: String
    public let attempts: Int
}

/// The outbox: replies are queued in the same transaction as the change that caused them, and marked
/// sent only after the channel delivered them.
public struct OutboxRepository {
    let connection: Connection

    public init(_ connection: Connection) { self.connection = connection }

    @discardableResult
    public func enqueue(conversationID: Int64?, channel: String, address: String, body: String, now: Int64) throws -> Int64 {
        try connection.run(
            "INSERT INTO outbox (conversation_id, channel, address, body, created_at) VALUES (?, ?, ?, ?, ?)",
            [conversationID, channel, address, body, now])
        return connection.lastInsertRowID
    }

    /// Queued messages for a channel that are due, oldest first.
    public func due(channel: String, now: Int64, limit: Int = 100) throws -> [OutboxMessage] {
        try connection.query("""
            SELECT id, conversation_id, channel, address, body, attempts FROM outbox
            WHERE channel = ? AND status = 'queued' AND next_attempt_at <= ? ORDER BY id LIMIT ?
            """, [channel, now, limit]).map(Self.message)
    }

    /// Queued messages for one address on a channel, oldest first (the terminal reads its own).
    public func queued(channel: String, address: String) throws -> [OutboxMessage] {
        try connection.query("""
            SELECT id, conversation_id, channel, address, body, attempts FROM outbox
            WHERE channel = ? AND address = ? AND status = 'queued' ORDER BY id
            """, [channel, address]).map(Self.message)
    }

    public func markSent(_ id: Int64, now: Int64) throws {
        try connection.run("UPDATE outbox SET status = 'sent', sent_at = ? WHERE id = ?", [now, id])
    }

    public func markFailed(_ id: Int64, error: String, retryAt: Int64) throws {
        try connection.run(
            "UPDATE outbox SET attempts = attempts + 1, last_error = ?, next_attempt_at = ? WHERE id = ?",
            [error, retryAt, id])
    }

    private static func message(_ row: Row) -> OutboxMessage {
        OutboxMessage(
            id: row.int64("id"), conversationID: row.optionalInt("conversation_id").map(Int64.init),
            channel: row.string("channel"), address: row.string("address"), body: row.string("body"),
            attempts: row.int("attempts"))
    }
}

/// Inbound messages, recorded once each: the de-duplication point for every channel.
public struct InboundRepository {
    let connection: Connection

    public init(_ connection: Connection) { self.connection = connection }

    /// Records a message; returns its row id, or nil if `(channel, externalID)` was already recorded.
    public func record(channel: String, externalID: String, sender: String, body: String, receivedAt: Int64)
        throws -> Int64?
    {
        try connection.run("""
            INSERT INTO inbound_messages (channel, external_id, sender, body, received_at) VALUES (?, ?, ?, ?, ?)
            ON CONFLICT (channel, external_id) DO NOTHING
            """, [channel, externalID, sender, body, receivedAt])
        return connection.changes == 1 ? connection.lastInsertRowID : nil
    }

    /// The row id of `(channel, externalID)`, if it was recorded.
    public func id(channel: String, externalID: String) throws -> Int64? {
        try connection.query(
            "SELECT id FROM inbound_messages WHERE channel = ? AND external_id = ?", [channel, externalID]
        ).first?.int64("id")
    }

    /// Marks a message as carrying a secret answer (an IBAN): its body is dropped.
    public func markSecret(_ messageID: Int64) throws {
        try connection.run("UPDATE inbound_messages SET secret = 1, body = '' WHERE id = ?", [messageID])
    }

    /// Whether `(channel, externalID)` was recorded as carrying a secret answer.
    public func isSecret(channel: String, externalID: String) throws -> Bool {
        try !connection.query(
            "SELECT 1 FROM inbound_messages WHERE channel = ? AND external_id = ? AND secret = 1", [channel, externalID]
        ).isEmpty
    }

    /// Whether `(channel, externalID)` was recorded.
    public func contains(channel: String, externalID: String) throws -> Bool {
        try !connection.query(
            "SELECT 1 FROM inbound_messages WHERE channel = ? AND external_id = ?", [channel, externalID]).isEmpty
    }

    /// Messages recorded from a sender on a channel since a moment (epoch ms): the flood check.
    public func count(channel: String, sender: String, since: Int64) throws -> Int {
        try connection.query(
            "SELECT COUNT(*) AS n FROM inbound_messages WHERE channel = ? AND sender = ? AND received_at >= ?",
            [channel, sender, since]
        ).first?.int("n") ?? 0
    }

    /// The text of a recorded message, or nil when there is no such row.
    public func body(id: Int64) throws -> String? {
        try connection.query("SELECT body FROM inbound_messages WHERE id = ?", [id]).first?.string("body")
    }

    public func attach(_ messageID: Int64, toConversation conversationID: Int64) throws {
        try connection.run("UPDATE inbound_messages SET conversation_id = ? WHERE id = ?", [conversationID, messageID])
    }
}

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

    /// Messages recorded from a sender on a channel since a moment (epoch ms): the flood check.
    public func count(channel: String, sender: String, since: Int64) throws -> Int {
        try connection.query(
            "SELECT COUNT(*) AS n FROM inbound_messages WHERE channel = ? AND sender = ? AND received_at >= ?",
            [channel, sender, since]
        ).first?.int("n") ?? 0
    }

    /// Drops a message's text (its id stays, for de-duplication and counting).
    public func dropBody(_ messageID: Int64) throws {
        try connection.run("UPDATE inbound_messages SET body = '' WHERE id = ?", [messageID])
    }

    /// Drops the text of every message received before `instant` (epoch ms); returns how many.
    @discardableResult
    public func dropBodies(receivedBefore instant: Int64) throws -> Int {
        try connection.run(
            "UPDATE inbound_messages SET body = '' WHERE body != '' AND received_at < ?", [instant])
        return connection.changes
    }

    /// Records which files (by SHA-256) a message carried.
    public func link(_ messageID: Int64, files: [String]) throws {
        for sha256 in files {
            try connection.run(
                "INSERT INTO inbound_attachments (message_id, sha256) VALUES (?, ?) ON CONFLICT DO NOTHING",
                [messageID, sha256])
        }
    }

    public func attach(_ messageID: Int64, toConversation conversationID: Int64) throws {
        try connection.run("UPDATE inbound_messages SET conversation_id = ? WHERE id = ?", [conversationID, messageID])
    }
}

/// Inbound messages, recorded once each: the de-duplication point for every channel.
public struct InboundRepository {
    let connection: Connection

    public init(_ connection: Connection) { self.connection = connection }

    /// Records a message; returns its row id, or nil if `(channel, externalID)` was already recorded.
    /// `strangerDomain`: the sender's domain when Tandem does not know the sender (nil for participants).
    public func record(
        channel: ChannelID, externalID: String, sender: String, body: String, receivedAt: Int64,
        strangerDomain: String? = nil
    ) throws -> Int64? {
        try connection.run("""
            INSERT INTO inbound_messages (channel, external_id, sender, body, received_at, stranger_domain)
            VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (channel, external_id) DO NOTHING
            """, [channel, externalID, sender, body, receivedAt, strangerDomain])
        return connection.changes == 1 ? connection.lastInsertRowID : nil
    }

    /// The row id of `(channel, externalID)`, if it was recorded.
    public func id(channel: ChannelID, externalID: String) throws -> Int64? {
        try connection.query(
            "SELECT id FROM inbound_messages WHERE channel = ? AND external_id = ?", [channel, externalID]
        ).first?.int64("id")
    }

    /// Marks a message as carrying a secret answer (an IBAN): its body is dropped.
    public func markSecret(_ messageID: Int64) throws {
        try connection.run("UPDATE inbound_messages SET secret = 1, body = '' WHERE id = ?", [messageID])
    }

    /// Whether `(channel, externalID)` was recorded.
    public func contains(channel: ChannelID, externalID: String) throws -> Bool {
        try !connection.query(
            "SELECT 1 FROM inbound_messages WHERE channel = ? AND external_id = ?", [channel, externalID]).isEmpty
    }

    /// Messages from strangers since a moment — all of them (`domain` nil) or from one domain — counted up to
    /// `limit` (so a flood costs no more than the limit to count).
    public func strangerCount(domain: String? = nil, since: Int64, limit: Int) throws -> Int {
        let sql = domain == nil
            ? "SELECT 1 FROM inbound_messages WHERE stranger_domain IS NOT NULL AND received_at >= ?"
            : "SELECT 1 FROM inbound_messages WHERE stranger_domain = ? AND received_at >= ?"
        let arguments: [any SQLBindable] = domain.map { [$0, since] } ?? [since]
        return try connection.query("SELECT COUNT(*) AS n FROM (\(sql) LIMIT ?)", arguments + [limit])
            .first?.int("n") ?? 0
    }

    /// How many messages of `sender` on `channel` since `since` were answered as a stranger's, counted up to `limit`.
    public func strangerAnswers(channel: ChannelID, sender: String, since: Int64, limit: Int) throws -> Int {
        try connection.query("""
            SELECT COUNT(*) AS n FROM (
                SELECT 1 FROM inbound_messages
                WHERE channel = ? AND sender = ? AND received_at >= ? AND stranger_answered = 1 LIMIT ?)
            """, [channel, sender, since, limit]).first?.int("n") ?? 0
    }

    /// Marks a stranger's message as answered.
    public func markStrangerAnswered(_ id: Int64) throws {
        try connection.run("UPDATE inbound_messages SET stranger_answered = 1 WHERE id = ?", [id])
    }

    /// A stranger's message became a participant's (they gave a valid join code): its text is kept from now on.
    public func admit(_ id: Int64, body: String) throws {
        try connection.run("UPDATE inbound_messages SET body = ?, stranger_domain = NULL WHERE id = ?", [body, id])
    }

    /// Messages recorded from a sender on a channel since a moment (epoch ms): the flood check.
    public func count(channel: ChannelID, sender: String, since: Int64) throws -> Int {
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

    /// The text of a recorded message, or nil when there is no such row.
    public func body(id: Int64) throws -> String? {
        try connection.query("SELECT body FROM inbound_messages WHERE id = ?", [id]).first?.string("body")
    }

    public func attach(_ messageID: Int64, toConversation conversationID: Int64) throws {
        try connection.run("UPDATE inbound_messages SET conversation_id = ? WHERE id = ?", [conversationID, messageID])
    }
}

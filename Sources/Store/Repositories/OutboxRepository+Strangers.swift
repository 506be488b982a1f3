extension OutboxRepository {
    /// How many rows outside any conversation (what strangers are told) were queued to `address` on `channel` since
    /// `since` (epoch ms), counted up to `limit`.
    public func conversationless(channel: String, address: String, since: Int64, limit: Int) throws -> Int {
        try connection.query("""
            SELECT COUNT(*) AS n FROM (
                SELECT 1 FROM outbox
                WHERE channel = ? AND address = ? AND conversation_id IS NULL AND created_at >= ? LIMIT ?)
            """, [channel, address, since, limit]).first?.int("n") ?? 0
    }
}

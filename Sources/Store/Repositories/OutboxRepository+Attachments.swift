extension OutboxRepository {
    /// Queues a message with files (see `enqueue`); returns the row id.
    @discardableResult
    public func enqueue(
        conversationID: Int64?, channel: ChannelID, address: String, body: String, attachments: [OutboxFile], now: Int64
    ) throws -> Int64 {
        let id = try enqueue(conversationID: conversationID, channel: channel, address: address, body: body, now: now)
        for file in attachments {
            try connection.run(
                "INSERT INTO outbox_attachments (outbox_id, filename, media_type, bytes) VALUES (?, ?, ?, ?)",
                [id, file.filename, file.mediaType, file.bytes])
        }
        return id
    }

    /// The files of a row, in the order they were queued.
    public func attachments(outboxID: Int64) throws -> [OutboxAttachment] {
        try connection.query("""
            SELECT id, outbox_id, filename, media_type, bytes, content_uri FROM outbox_attachments
            WHERE outbox_id = ? ORDER BY id
            """, [outboxID]).map { row in
            OutboxAttachment(
                id: row.int64("id"), outboxID: row.int64("outbox_id"),
                file: OutboxFile(
                    filename: row.string("filename"), mediaType: row.string("media_type"), bytes: row.blob("bytes")),
                contentURI: row.optionalString("content_uri"))
        }
    }

    /// Remembers where a file was uploaded, so a retry of its row does not upload it again.
    public func setContentURI(_ uri: String, attachmentID: Int64) throws {
        try connection.run("UPDATE outbox_attachments SET content_uri = ? WHERE id = ?", [uri, attachmentID])
    }
}

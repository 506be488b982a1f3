extension Schema {
    /// Files sent with outbox rows.
    static let outbox: [Migration] = [outboxAttachments]

    static let outboxAttachments = Migration(version: 50, name: "files sent with outbox rows", sql: """
        -- A file an outbox row carries (an agenda's .ics): attached to the email, or uploaded to the homeserver and
        -- sent as an m.file event after the text. content_uri is the mxc:// URI once uploaded, so a retry sends the
        -- file event again without uploading a second copy.
        CREATE TABLE outbox_attachments (
            id INTEGER PRIMARY KEY,
            outbox_id INTEGER NOT NULL REFERENCES outbox(id) ON DELETE CASCADE,
            filename TEXT NOT NULL,
            media_type TEXT NOT NULL,
            bytes BLOB NOT NULL,
            content_uri TEXT
        );
        CREATE INDEX outbox_attachments_row ON outbox_attachments(outbox_id, id);
        """)
}

/// The headers an outbox row is sent with as email.
public struct EmailOutgoingRecord: Sendable, Hashable {
    public let outboxID: Int64
    /// Without angle brackets.
    public let messageID: String
    /// The token in the reply address (`tandem+TAG@…`).
    public let tag: String
    /// The recipient, lowercased.
    public let address: String
    public let subject: String
    /// The message this one answers, or nil.
    public let inReplyTo: String?
    /// The thread, oldest first.
    public let references: [String]
    /// `auto-replied` or `auto-generated`.
    public let autoSubmitted: String

    public init(
        outboxID: Int64, messageID: String, tag: String, address: String, subject: String, inReplyTo: String?,
        references: [String], autoSubmitted: String
    ) {
        self.outboxID = outboxID
        self.messageID = messageID
        self.tag = tag
        self.address = address
        self.subject = subject
        self.inReplyTo = inReplyTo
        self.references = references
        self.autoSubmitted = autoSubmitted
    }
}

/// Email bookkeeping: mail received once per Message-ID (and why some was ignored), the headers of mail sent,
/// and the per-recipient sending rate.
public struct EmailRepository {
    /// What became of a received email.
    public enum InboundOutcome: String, Sendable {
        case processed
        case ignored
    }

    let connection: Connection

    public init(_ connection: Connection) { self.connection = connection }

    /// Records a received email; false when its Message-ID was recorded before (it must change nothing).
    public func recordInbound(
        messageID: String, sender: String, outcome: InboundOutcome, reason: String?, now: Int64
    ) throws -> Bool {
        try connection.run("""
            INSERT INTO email_inbound (message_id, sender, outcome, reason, received_at) VALUES (?, ?, ?, ?, ?)
            ON CONFLICT (message_id) DO NOTHING
            """, [messageID, sender, outcome.rawValue, reason, now])
        return connection.changes == 1
    }

    /// Whether this Message-ID was received before.
    public func isKnownInbound(_ messageID: String) throws -> Bool {
        try !connection.query("SELECT 1 FROM email_inbound WHERE message_id = ?", [messageID]).isEmpty
    }

    /// Stores the headers of an outbox row; false when the row already has them (a retry keeps the first).
    @discardableResult
    public func saveOutgoing(_ record: EmailOutgoingRecord, now: Int64) throws -> Bool {
        try connection.run("""
            INSERT INTO email_outgoing (outbox_id, message_id, tag, address, subject, in_reply_to, reference_ids,
                                        auto_submitted, created_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (outbox_id) DO NOTHING
            """, [record.outboxID, record.messageID, record.tag, record.address, record.subject, record.inReplyTo,
                  record.references.joined(separator: " "), record.autoSubmitted, now])
        return connection.changes == 1
    }

    /// The headers of an outbox row, if stored.
    public func outgoing(outboxID: Int64) throws -> EmailOutgoingRecord? {
        try connection.query("\(Self.select) WHERE outbox_id = ?", [outboxID]).first.map(Self.record)
    }

    /// The newest mail of ours among `messageIDs` (a reply's In-Reply-To and References), if any.
    public func outgoing(messageIDs: [String]) throws -> EmailOutgoingRecord? {
        guard !messageIDs.isEmpty else { return nil }
        let marks = Array(repeating: "?", count: messageIDs.count).joined(separator: ", ")
        return try connection.query(
            "\(Self.select) WHERE message_id IN (\(marks)) ORDER BY outbox_id DESC LIMIT 1", messageIDs
        ).first.map(Self.record)
    }

    /// The mail of ours whose reply address carried `tag`, if any.
    public func outgoing(tag: String) throws -> EmailOutgoingRecord? {
        try connection.query("\(Self.select) WHERE tag = ?", [tag]).first.map(Self.record)
    }

    /// The newest mail of ours to `address`, if any (for threading a notification into the conversation).
    public func latestOutgoing(to address: String) throws -> EmailOutgoingRecord? {
        try connection.query("\(Self.select) WHERE address = ? ORDER BY outbox_id DESC LIMIT 1", [address])
            .first.map(Self.record)
    }

    /// The highest outbox row id so far (0 when empty): rows above it were queued later.
    public func lastOutboxID() throws -> Int64 {
        try connection.query("SELECT COALESCE(MAX(id), 0) AS id FROM outbox").first?.int64("id") ?? 0
    }

    /// Queued rows for `address` on `channel` with an id above `afterID`, oldest first.
    public func queued(channel: ChannelID, address: String, after afterID: Int64)
        throws -> [(id: Int64, conversationID: Int64?, body: String)]
    {
        try connection.query("""
            SELECT id, conversation_id, body FROM outbox
            WHERE channel = ? AND address = ? AND status = 'queued' AND kind = 'message' AND id > ? ORDER BY id
            """, [channel, address, afterID]).map { row in
            (row.int64("id"), row.optionalInt("conversation_id").map(Int64.init), row.string("body"))
        }
    }

    /// Removes queued rows (replies merged into one email before their transaction commits).
    public func deleteQueued(_ ids: [Int64]) throws {
        for id in ids { try connection.run("DELETE FROM outbox WHERE id = ? AND status = 'queued'", [id]) }
    }

    /// How many emails were sent to `address` since `since` (epoch ms), and when the oldest of them was.
    public func sent(address: String, since: Int64) throws -> (count: Int, oldest: Int64?) {
        // The channel as a literal: the partial index `outbox_sent_email` answers only a query that says so.
        let row = try connection.query("""
            SELECT COUNT(*) AS n, MIN(sent_at) AS oldest FROM outbox
            WHERE channel = 'email' AND address = ? AND status = 'sent' AND sent_at > ?
            """, [address, since]).first
        return (row?.int("n") ?? 0, row?.optionalInt("oldest").map(Int64.init))
    }

    private static let select = """
        SELECT outbox_id, message_id, tag, address, subject, in_reply_to, reference_ids, auto_submitted
        FROM email_outgoing
        """

    private static func record(_ row: Row) -> EmailOutgoingRecord {
        EmailOutgoingRecord(
            outboxID: row.int64("outbox_id"), messageID: row.string("message_id"), tag: row.string("tag"),
            address: row.string("address"), subject: row.string("subject"),
            inReplyTo: row.optionalString("in_reply_to"),
            references: row.string("reference_ids").split(separator: " ").map(String.init),
            autoSubmitted: row.string("auto_submitted"))
    }
}

/// A message waiting to leave (or that left) through a channel.
public struct OutboxMessage: Sendable, Hashable {
    /// What delivering the row means.
    public enum Kind: String, Sendable {
        /// Send `body` as a message to `address`.
        case message
        /// Join the room at `address` (Matrix invites).
        case join
    }

    public let id: Int64
    public let conversationID: Int64?
    public let channel: ChannelID
    public let kind: Kind
    public let address: String
    public let body: String
    public let attempts: Int
    /// Whether files go with the row (`attachments(outboxID:)`), so a transport reads them only then.
    public let hasFiles: Bool
    /// Whether the row stands for removing a Matrix event (`MatrixRedactionRepository`), so the Matrix transport
    /// reads that only then.
    public let isRedaction: Bool
}

/// The outbox: replies are queued in the same transaction as the change that caused them, and marked
/// sent only after the channel delivered them.
public struct OutboxRepository {
    let connection: Connection

    public init(_ connection: Connection) { self.connection = connection }

    @discardableResult
    public func enqueue(
        conversationID: Int64?, channel: ChannelID, kind: OutboxMessage.Kind = .message, address: String, body: String,
        now: Int64
    ) throws -> Int64 {
        try connection.run(
            "INSERT INTO outbox (conversation_id, channel, kind, address, body, created_at) VALUES (?, ?, ?, ?, ?, ?)",
            [conversationID, channel, kind.rawValue, address, body, now])
        return connection.lastInsertRowID
    }

    /// Queued rows of a channel that are due, in the order they fell due (new rows at once, in the order they were
    /// queued) — but only the oldest queued row per address, so each room or mailbox receives its messages in order
    /// even when one is waiting for a retry. The order is the `outbox_queue` index's, so a look reads only as many
    /// rows as it returns (issue 17: sorting every queued row by id made each look cost more than a delivery once
    /// thousands were queued). Rows in `excluding` (on their way already) are passed over in the index, before
    /// their row is read (issue 17: a busy worker's looks read every row in flight again, text and all, to drop it).
    public func due(
        channel: ChannelID, now: Int64, limit: Int = 100, excluding: Set<Int64> = []
    ) throws -> [OutboxMessage] {
        try connection.query("""
            SELECT id, conversation_id, channel, kind, address, body, attempts, \(Self.companions) FROM outbox AS o
            WHERE channel = ? AND status = 'queued' AND next_attempt_at <= ?
              AND id NOT IN (SELECT value FROM json_each(?))
              AND NOT EXISTS (
                SELECT 1 FROM outbox AS p
                WHERE p.channel = o.channel AND p.address = o.address AND p.status = 'queued' AND p.id < o.id)
            ORDER BY next_attempt_at, id LIMIT ?
            """, [channel, now, Self.jsonArray(excluding), limit]).map(Self.message)
    }

    /// Row IDs as a JSON array, for `json_each(?)`.
    private static func jsonArray(_ ids: some Collection<Int64>) -> String {
        "[" + ids.map(String.init).joined(separator: ",") + "]"
    }

    /// When the next queued row of a channel falls due (epoch ms), or nil when none is queued.
    public func nextDue(channel: ChannelID) throws -> Int64? {
        try connection.query(
            "SELECT MIN(next_attempt_at) AS t FROM outbox WHERE channel = ? AND status = 'queued'", [channel]
        ).first?.optionalInt("t").map(Int64.init)
    }

    /// Whether some queued row of a channel waits for a later retry (cheap: answers from the queue index).
    public func hasRowsWaiting(channel: ChannelID, now: Int64) throws -> Bool {
        try !connection.query("""
            SELECT 1 FROM outbox WHERE channel = ? AND status = 'queued' AND next_attempt_at > ? LIMIT 1
            """, [channel, now]).isEmpty
    }

    /// Makes the queued rows of a channel that wait for a retry due at once — the peer showed it is back — except
    /// those waiting out its rate limit (last error `429 …`). Returns how many.
    @discardableResult
    public func retryNow(channel: ChannelID, now: Int64) throws -> Int {
        try connection.run("""
            UPDATE outbox SET next_attempt_at = ?
            WHERE channel = ? AND status = 'queued' AND next_attempt_at > ? AND COALESCE(last_error, '') NOT LIKE '429%'
            """, [now, channel, now])
        return connection.changes
    }

    /// Gives up on a row: it stays visible with its last error (`tandem outbox`, `/metrics`).
    public func markDead(_ id: Int64, error: String) throws {
        try connection.run(
            "UPDATE outbox SET status = 'dead', attempts = attempts + 1, last_error = ? WHERE id = ?", [error, id])
    }

    /// Rows in a status (`queued`, `dead`, `sent`), newest first — what `tandem outbox list` shows.
    public func list(status: String, limit: Int = 50) throws -> [(message: OutboxMessage, lastError: String?, createdAt: Int64)] {
        try connection.query("""
            SELECT id, conversation_id, channel, kind, address, body, attempts, last_error, created_at,
                \(Self.companions) FROM outbox AS o
            WHERE status = ? ORDER BY id DESC LIMIT ?
            """, [status, limit]).map { (Self.message($0), $0.optionalString("last_error"), $0.int64("created_at")) }
    }

    /// Puts a dead (or waiting) row back in the queue, due now; false if there is no such undelivered row.
    public func retry(_ id: Int64) throws -> Bool {
        try connection.run(
            "UPDATE outbox SET status = 'queued', next_attempt_at = 0 WHERE id = ? AND status IN ('queued', 'dead')", [id])
        return connection.changes == 1
    }

    /// Gives up on an undelivered row by hand; false if there is no such row.
    public func drop(_ id: Int64) throws -> Bool {
        try connection.run(
            "UPDATE outbox SET status = 'dead', last_error = 'dropped by an operator' WHERE id = ? AND status = 'queued'",
            [id])
        return connection.changes == 1
    }

    /// Queue depth, age of the oldest queued row (ms) and dead rows, per channel.
    public func statistics(now: Int64) throws -> [(channel: ChannelID, queued: Int, oldestAge: Int64, dead: Int)] {
        try connection.query("""
            SELECT channel, SUM(status = 'queued') AS queued, SUM(status = 'dead') AS dead,
                   MIN(CASE WHEN status = 'queued' THEN created_at END) AS oldest
            FROM outbox GROUP BY channel ORDER BY channel
            """).map { row in
            let oldest = row.optionalInt("oldest").map(Int64.init)
            return (ChannelID(row.string("channel")), row.int("queued"), oldest.map { now - $0 } ?? 0, row.int("dead"))
        }
    }

    /// Queued messages for one address on a channel, oldest first (the terminal reads its own).
    public func queued(channel: ChannelID, address: String) throws -> [OutboxMessage] {
        try connection.query("""
            SELECT id, conversation_id, channel, kind, address, body, attempts, \(Self.companions) FROM outbox AS o
            WHERE channel = ? AND address = ? AND status = 'queued' ORDER BY id
            """, [channel, address]).map(Self.message)
    }

    /// Fixes where a row goes (a message for a person's direct chat, once the chat is known): every later attempt
    /// sends to the same place.
    public func setAddress(_ address: String, id: Int64) throws {
        try connection.run("UPDATE outbox SET address = ? WHERE id = ?", [address, id])
    }

    /// Marks a row delivered; a private one (``dropWhenSent(after:)``) loses its text.
    public func markSent(_ id: Int64, now: Int64) throws {
        try markSent([id], now: now)
    }

    /// The newest row queued before `instant` (epoch ms), or `floor` when none newer than `floor` was: rows are
    /// queued in time order, so the ids are halved on rather than read (the table has no index by time).
    public func lastID(queuedBefore instant: Int64, after floor: Int64) throws -> Int64 {
        var low = floor
        var high = try lastID()
        while low < high {
            let middle = low + (high - low + 1) / 2
            let row = try connection.query(
                "SELECT id, created_at FROM outbox WHERE id >= ? ORDER BY id LIMIT 1", [middle]).first
            if let row, row.int64("id") <= high, row.int64("created_at") < instant {
                low = row.int64("id")
            } else {
                high = middle - 1
            }
        }
        return low
    }

    /// Drops the text of the delivered rows with ids after `floor` up to `last`; returns how many. (A row delivered
    /// later loses its text as it is marked, ``markSent(_:now:forgettingQueuedBefore:)``.)
    @discardableResult
    public func dropDeliveredBodies(after floor: Int64, through last: Int64) throws -> Int {
        try connection.run(
            "UPDATE outbox SET body = '' WHERE id > ? AND id <= ? AND status = 'sent' AND body != ''", [floor, last])
        return connection.changes
    }

    /// The newest row's id (0 when there is none): what a message's processing queues comes after it.
    public func lastID() throws -> Int64 {
        try connection.query("SELECT COALESCE(MAX(id), 0) AS id FROM outbox").first?.int64("id") ?? 0
    }

    /// Rows queued after `id` lose their text once delivered: they answer a message whose text is not kept.
    public func dropWhenSent(after id: Int64) throws {
        try connection.run("UPDATE outbox SET drop_when_sent = 1 WHERE id > ?", [id])
    }

    /// Marks several rows sent with one statement (the outbox worker records its deliveries together); private
    /// ones (``dropWhenSent(after:)``) and those queued before `forgettingQueuedBefore` (epoch ms: delivered after
    /// the time their text is kept) lose their text.
    public func markSent(_ ids: [Int64], now: Int64, forgettingQueuedBefore cutoff: Int64 = .min) throws {
        guard !ids.isEmpty else { return }
        try connection.run("""
            UPDATE outbox SET status = 'sent', sent_at = ?,
                body = CASE WHEN drop_when_sent = 1 OR created_at < ? THEN '' ELSE body END
            WHERE id IN (SELECT value FROM json_each(?))
            """, [now, cutoff, Self.jsonArray(ids)])
    }

    public func markFailed(_ id: Int64, error: String, retryAt: Int64) throws {
        try connection.run(
            "UPDATE outbox SET attempts = attempts + 1, last_error = ?, next_attempt_at = ? WHERE id = ?",
            [error, retryAt, id])
    }

    /// The `has_files` and `is_redaction` columns of a query over `outbox AS o`.
    private static let companions = """
        EXISTS (SELECT 1 FROM outbox_attachments AS f WHERE f.outbox_id = o.id) AS has_files,
        EXISTS (SELECT 1 FROM matrix_redactions AS r WHERE r.outbox_id = o.id) AS is_redaction
        """

    private static func message(_ row: Row) -> OutboxMessage {
        OutboxMessage(
            id: row.int64("id"), conversationID: row.optionalInt("conversation_id").map(Int64.init),
            channel: ChannelID(row.string("channel")),
            kind: OutboxMessage.Kind(rawValue: row.string("kind")) ?? .message,
            address: row.string("address"), body: row.string("body"),
            attempts: row.int("attempts"), hasFiles: row.int("has_files") != 0,
            isRedaction: row.int("is_redaction") != 0)
    }
}

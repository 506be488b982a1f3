import Engine

/// Actions held until confirmed (table `held_actions`). The request's answers are stored in the conversation-state
/// format and emptied once settled or expired (`forgetExpired`); rows are deleted a week after they expired.
public struct HeldActionRepository {
    /// Rows are kept this long after they expire, so a late second reply is still recognised.
    public static let keepAfterExpiry: Int64 = 7 * 24 * 3_600_000

    let connection: Connection

    public init(_ connection: Connection) { self.connection = connection }

    /// Holds `request` until `expiresAt`; returns the new row's id.
    @discardableResult
    public func hold(
        _ request: ActionRequest, conversationID: Int64, participantID: Int64, token: String, sourceMessageID: Int64?,
        now: Int64, expiresAt: Int64
    ) throws -> Int64 {
        try connection.run("DELETE FROM held_actions WHERE expires_at < ?", [now - Self.keepAfterExpiry])
        var answers = ConversationState()
        answers.flow = request.flow
        answers.slots = request.slots
        try connection.run("""
            INSERT INTO held_actions (conversation_id, participant_id, token, action, request, source_message_id,
                                      created_at, expires_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """, [conversationID, participantID, token, request.action, ConversationStateCodec.encode(answers),
                  sourceMessageID, now, expiresAt])
        return connection.lastInsertRowID
    }

    /// How many of the participant's actions wait for confirmation at `now`.
    public func pendingCount(participantID: Int64, now: Int64) throws -> Int {
        try connection.query("""
            SELECT COUNT(*) AS n FROM held_actions
            WHERE participant_id = ? AND settled_at IS NULL AND expires_at > ?
            """, [participantID, now]).first?.int("n") ?? 0
    }

    /// Every held action of the participant still kept, newest first (the caller compares tokens in constant time).
    public func all(participantID: Int64) throws -> [HeldAction] {
        try connection.query("\(Self.select) WHERE participant_id = ? ORDER BY id DESC", [participantID])
            .map(Self.action)
    }

    /// The newest held action of the participant with an id above `afterID`, if any (one held by the message just
    /// processed).
    public func newest(participantID: Int64, after afterID: Int64) throws -> HeldAction? {
        try connection.query(
            "\(Self.select) WHERE participant_id = ? AND id > ? ORDER BY id DESC LIMIT 1", [participantID, afterID]
        ).first.map(Self.action)
    }

    /// The highest row id so far (0 when none).
    public func lastID() throws -> Int64 {
        try connection.query("SELECT COALESCE(MAX(id), 0) AS id FROM held_actions").first?.int64("id") ?? 0
    }

    /// Empties the answers of actions that expired unconfirmed (bank details must not wait a week in the database)
    /// and deletes rows a week past their expiry; returns how many were emptied.
    @discardableResult
    public func forgetExpired(now: Int64) throws -> Int {
        try connection.run("DELETE FROM held_actions WHERE expires_at < ?", [now - Self.keepAfterExpiry])
        try connection.run("""
            UPDATE held_actions SET request = '' WHERE expires_at < ? AND settled_at IS NULL AND request <> ''
            """, [now])
        return connection.changes
    }

    /// Replaces a held action's token with the one a channel sent it under (an email's reply token).
    public func bind(_ id: Int64, token: String) throws {
        try connection.run("UPDATE held_actions SET token = ? WHERE id = ? AND settled_at IS NULL", [token, id])
    }

    /// Settles a waiting action and forgets its answers; false when it was settled before (it must not run twice).
    public func settle(id: Int64, outcome: HeldAction.Outcome, now: Int64) throws -> Bool {
        try connection.run("""
            UPDATE held_actions SET settled_at = ?, outcome = ?, request = '' WHERE id = ? AND settled_at IS NULL
            """, [now, outcome.rawValue, id])
        return connection.changes == 1
    }

    private static let select = """
        SELECT id, conversation_id, participant_id, token, action, request, source_message_id, created_at, expires_at,
               outcome
        FROM held_actions
        """

    private static func action(_ row: Row) throws -> HeldAction {
        let stored = row.string("request")
        let answers = stored.isEmpty ? ConversationState() : try ConversationStateCodec.decode(stored)
        return HeldAction(
            id: row.int64("id"), conversationID: row.int64("conversation_id"),
            participantID: row.int64("participant_id"), token: row.string("token"),
            request: ActionRequest(flow: answers.flow ?? "", action: row.string("action"), slots: answers.slots),
            sourceMessageID: row.optionalInt("source_message_id").map(Int64.init), createdAt: row.int64("created_at"),
            expiresAt: row.int64("expires_at"), outcome: row.optionalString("outcome").flatMap(HeldAction.Outcome.init))
    }
}

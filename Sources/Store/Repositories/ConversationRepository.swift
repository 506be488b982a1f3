import Engine

/// A conversation row: who it belongs to, where it happens, and its dialogue state.
public struct ConversationRecord: Sendable {
    public let id: Int64
    public let participantID: Int64
    public let channel: ChannelID
    public let address: String
    public var state: ConversationState
    /// Whether the open flow has taken a message its channel could not vouch for (see `Pipeline`).
    public var unverified = false
}

/// Conversation state per (channel, address, participant), stored in ``ConversationStateCodec``'s compact form.
public struct ConversationRepository {
    let connection: Connection

    public init(_ connection: Connection) { self.connection = connection }

    /// The participant's conversation at this channel address, created idle if new.
    public func open(participantID: Int64, channel: ChannelID, address: String, now: Int64) throws
        -> ConversationRecord
    {
        if let row = try connection.query(
            """
            SELECT id, participant_id, state, unverified FROM conversations
            WHERE channel = ? AND address = ? AND participant_id = ?
            """,
            [channel, address, participantID]
        ).first {
            let state = try ConversationStateCodec.decode(row.string("state"))
            return ConversationRecord(
                id: row.int64("id"), participantID: row.int64("participant_id"), channel: channel, address: address,
                state: state, unverified: row.bool("unverified"))
        }
        let state = ConversationState()
        try connection.run(
            "INSERT INTO conversations (participant_id, channel, address, state, updated_at) VALUES (?, ?, ?, ?, ?)",
            [participantID, channel, address, ConversationStateCodec.encode(state), now])
        return ConversationRecord(
            id: connection.lastInsertRowID, participantID: participantID, channel: channel, address: address,
            state: state)
    }

    /// Saves the conversation's new state; `unverified` says whether its open flow has taken a message its channel
    /// could not vouch for (false for an idle conversation); `lastAnswer` is the message that just answered a question
    /// of its open flow (`slot` = `FLOW/QUESTION`), nil for anything else.
    public func save(
        _ state: ConversationState, id: Int64, now: Int64, unverified: Bool = false, lastAnswer: LastAnswer? = nil
    ) throws {
        try connection.run("""
            UPDATE conversations SET state = ?, updated_at = ?, unverified = ?, last_answer_id = ?, last_answer_slot = ?
            WHERE id = ?
            """, [ConversationStateCodec.encode(state), now, unverified ? 1 : 0, lastAnswer?.messageID, lastAnswer?.slot,
                  id])
    }

    /// The message that last answered a question of the conversation's open flow, if it is still that.
    public func lastAnswer(_ id: Int64) throws -> LastAnswer? {
        guard let row = try connection.query(
            "SELECT last_answer_id, last_answer_slot FROM conversations WHERE id = ?", [id]).first,
            let message = row.optionalInt("last_answer_id"), let slot = row.optionalString("last_answer_slot")
        else { return nil }
        return LastAnswer(messageID: Int64(message), slot: slot)
    }
}

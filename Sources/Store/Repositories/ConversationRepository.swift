import Engine

/// A conversation row: who it belongs to, where it happens, and its dialogue state.
public struct ConversationRecord: Sendable {
    public let id: Int64
    public let participantID: Int64
    public let channel: String
    public let address: String
    public var state: ConversationState
}

/// Conversation state per (channel, address, participant), stored in ``ConversationStateCodec``'s compact form.
public struct ConversationRepository {
    let connection: Connection

    public init(_ connection: Connection) { self.connection = connection }

    /// The participant's conversation at this channel address, created idle if new.
    public func open(participantID: Int64, channel: String, address: String, now: Int64) throws -> ConversationRecord {
        if let row = try connection.query(
            "SELECT id, participant_id, state FROM conversations WHERE channel = ? AND address = ? AND participant_id = ?",
            [channel, address, participantID]
        ).first {
            let state = try ConversationStateCodec.decode(row.string("state"))
            return ConversationRecord(
                id: row.int64("id"), participantID: row.int64("participant_id"), channel: channel, address: address,
                state: state)
        }
        let state = ConversationState()
        try connection.run(
            "INSERT INTO conversations (participant_id, channel, address, state, updated_at) VALUES (?, ?, ?, ?, ?)",
            [participantID, channel, address, ConversationStateCodec.encode(state), now])
        return ConversationRecord(
            id: connection.lastInsertRowID, participantID: participantID, channel: channel, address: address,
            state: state)
    }

    /// Conversations in the middle of a flow, last touched before `instant` (epoch ms): their ids and states.
    public func openFlows(updatedBefore instant: Int64) throws -> [(id: Int64, state: ConversationState)] {
        try connection.query("""
            SELECT id, state FROM conversations WHERE updated_at < ? AND state NOT LIKE 'C_--%'
            """, [instant]).compactMap { row in
            (try? ConversationStateCodec.decode(row.string("state"))).map { (row.int64("id"), $0) }
        }
    }

    /// Forgets the conversation's open flow and answers, leaving when it was last used as it was.
    public func reset(id: Int64) throws {
        try connection.run(
            "UPDATE conversations SET state = ? WHERE id = ?", [ConversationStateCodec.encode(ConversationState()), id])
    }

    public func save(_ state: ConversationState, id: Int64, now: Int64) throws {
        try connection.run(
            "UPDATE conversations SET state = ?, updated_at = ? WHERE id = ?", [ConversationStateCodec.encode(state), now, id])
    }
}

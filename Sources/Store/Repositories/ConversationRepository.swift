import Engine
import Foundation

/// A conversation row: who it belongs to, where it happens, and its dialogue state.
public struct ConversationRecord: Sendable {
    public let id: Int64
    public let participantID: Int64
    public let channel: String
    public let address: String
    public var state: ConversationState
}

/// Conversation state, stored as JSON per (channel, address, participant).
public struct ConversationRepository {
    let connection: Connection

    public init(_ connection: Connection) { self.connection = connection }

    /// The participant's conversation at this channel address, created idle if new.
    public func open(participantID: Int64, channel: String, address: String, now: Int64) throws -> ConversationRecord {
        if let row = try connection.query(
            "SELECT id, participant_id, state FROM conversations WHERE channel = ? AND address = ? AND participant_id = ?",
            [channel, address, participantID]
        ).first {
            let state = try JSONDecoder().decode(ConversationState.self, from: Data(row.string("state").utf8))
            return ConversationRecord(
                id: row.int64("id"), participantID: row.int64("participant_id"), channel: channel, address: address,
                state: state)
        }
        let state = ConversationState()
        try connection.run(
            "INSERT INTO conversations (participant_id, channel, address, state, updated_at) VALUES (?, ?, ?, ?, ?)",
            [participantID, channel, address, try Self.encode(state), now])
        return ConversationRecord(
            id: connection.lastInsertRowID, participantID: participantID, channel: channel, address: address,
            state: state)
    }

    public func save(_ state: ConversationState, id: Int64, now: Int64) throws {
        try connection.run(
            "UPDATE conversations SET state = ?, updated_at = ? WHERE id = ?", [try Self.encode(state), now, id])
    }

    private static func encode(_ state: ConversationState) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return String(decoding: try encoder.encode(state), as: UTF8.self)
    }
}

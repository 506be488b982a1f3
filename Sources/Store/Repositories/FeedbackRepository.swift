/// After-session check-ins: how useful the session was (1–5) and one sentence, per participant and pair.
public struct FeedbackRepository {
    /// One check-in.
    public struct Feedback: Sendable, Hashable {
        public let participantID: Int64
        public let usefulness: Int
        public let comment: String
    }

    let connection: Connection

    public init(_ connection: Connection) { self.connection = connection }

    public func insert(
        programmeID: Int64, pairID: Int64?, participantID: Int64, usefulness: Int, comment: String, now: Int64
    ) throws {
        try connection.run("""
            INSERT INTO session_feedback (programme_id, pair_id, participant_id, usefulness, comment, created_at)
            VALUES (?, ?, ?, ?, ?, ?)
            """, [programmeID, pairID, participantID, usefulness, comment, now])
    }

    /// The check-in a participant gave last: its id, usefulness and when.
    public func latest(participantID: Int64) throws -> (id: Int64, usefulness: Int, createdAt: Int64)? {
        try connection.query("""
            SELECT id, usefulness, created_at FROM session_feedback WHERE participant_id = ?
            ORDER BY created_at DESC, id DESC LIMIT 1
            """, [participantID]).first.map { ($0.int64("id"), $0.int("usefulness"), $0.int64("created_at")) }
    }

    /// Replaces what a check-in says.
    public func update(id: Int64, usefulness: Int, comment: String) throws {
        try connection.run(
            "UPDATE session_feedback SET usefulness = ?, comment = ? WHERE id = ?", [usefulness, comment, id])
    }

    /// The comment of one check-in.
    public func comment(id: Int64) throws -> String? {
        try connection.query("SELECT comment FROM session_feedback WHERE id = ?", [id]).first?.string("comment")
    }

    /// Removes one check-in.
    public func delete(id: Int64) throws {
        try connection.run("DELETE FROM session_feedback WHERE id = ?", [id])
    }

    /// The participant's own check-ins in this pair, oldest first.
    public func feedback(pairID: Int64, participantID: Int64) throws -> [Feedback] {
        try connection.query("""
            SELECT participant_id, usefulness, comment FROM session_feedback
            WHERE pair_id = ? AND participant_id = ? ORDER BY id
            """, [pairID, participantID]).map { row in
            Feedback(participantID: row.int64("participant_id"), usefulness: row.int("usefulness"),
                     comment: row.string("comment"))
        }
    }
}

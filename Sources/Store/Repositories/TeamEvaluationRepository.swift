/// The project team's evaluation of a mentee for the portfolio: participation, achievements, and how far it agrees
/// with the mentee's own statement. The newest one counts; the evaluator is kept for the record, never shown.
public struct TeamEvaluationRepository {
    /// One evaluation; `participation` and `consistency` are option ids of the evaluation flow.
    public struct Evaluation: Sendable, Hashable {
        public let participation: String
        public let achievements: String
        public let consistency: String
        public let note: String?
        /// When it was written (epoch ms).
        public let createdAt: Int64

        public init(participation: String, achievements: String, consistency: String, note: String?, createdAt: Int64) {
            self.participation = participation
            self.achievements = achievements
            self.consistency = consistency
            self.note = note
            self.createdAt = createdAt
        }
    }

    let connection: Connection

    public init(_ connection: Connection) { self.connection = connection }

    public func save(_ evaluation: Evaluation, menteeID: Int64, programmeID: Int64, evaluatorID: Int64) throws {
        try connection.run("""
            INSERT INTO team_evaluations
                (programme_id, mentee_id, evaluator_id, participation, achievements, consistency, note, created_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """, [programmeID, menteeID, evaluatorID, evaluation.participation, evaluation.achievements,
                  evaluation.consistency, evaluation.note, evaluation.createdAt])
    }

    /// The newest evaluation of the mentee.
    public func newest(menteeID: Int64, programmeID: Int64) throws -> Evaluation? {
        try connection.query("""
            SELECT participation, achievements, consistency, note, created_at FROM team_evaluations
            WHERE mentee_id = ? AND programme_id = ? ORDER BY id DESC LIMIT 1
            """, [menteeID, programmeID]).first.map { row in
            Evaluation(
                participation: row.string("participation"), achievements: row.string("achievements"),
                consistency: row.string("consistency"), note: row.optionalString("note"),
                createdAt: row.int64("created_at"))
        }
    }

    /// Deletes every evaluation of the mentee (they opted out: the mentee never approved it); returns how many.
    @discardableResult
    public func delete(menteeID: Int64, programmeID: Int64) throws -> Int {
        try connection.run(
            "DELETE FROM team_evaluations WHERE mentee_id = ? AND programme_id = ?", [menteeID, programmeID])
        return connection.changes
    }
}

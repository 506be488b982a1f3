/// End-of-programme evaluations: open points, what was gained, feedback on the programme.
public struct EvaluationRepository {
    /// One participant's evaluation.
    public struct Evaluation: Sendable, Hashable {
        public let openPoints: String
        public let gained: String
        public let feedback: String

        public init(openPoints: String, gained: String, feedback: String) {
            self.openPoints = openPoints
            self.gained = gained
            self.feedback = feedback
        }
    }

    let connection: Connection

    public init(_ connection: Connection) { self.connection = connection }

    public func insert(_ evaluation: Evaluation, programmeID: Int64, pairID: Int64?, participantID: Int64, now: Int64)
        throws
    {
        try connection.run("""
            INSERT INTO evaluations (programme_id, pair_id, participant_id, open_points, gained, feedback, created_at)
            VALUES (?, ?, ?, ?, ?, ?, ?)
            """, [programmeID, pairID, participantID, evaluation.openPoints, evaluation.gained, evaluation.feedback,
                  now])
    }

    /// The members of the pair who have sent an evaluation.
    public func evaluated(pairID: Int64) throws -> Set<Int64> {
        Set(try connection.query("SELECT DISTINCT participant_id FROM evaluations WHERE pair_id = ?", [pairID])
            .map { $0.int64("participant_id") })
    }
}

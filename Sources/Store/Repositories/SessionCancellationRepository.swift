/// Agreed sessions a pair said did not take place (the "did you meet?" answer "cancelled").
public struct SessionCancellationRepository {
    /// A cancelled session: the pair and the agenda date.
    public struct Cancelled: Sendable, Hashable {
        public let pairID: Int64
        /// ISO date.
        public let date: String

        public init(pairID: Int64, date: String) {
            self.pairID = pairID
            self.date = date
        }
    }

    let connection: Connection

    public init(_ connection: Connection) { self.connection = connection }

    /// Records that the pair's session on `date` did not take place; returns false if it was already recorded.
    @discardableResult
    public func cancel(
        programmeID: Int64, pairID: Int64, date: String, participantID: Int64, sourceMessageID: Int64?, now: Int64
    ) throws -> Bool {
        try connection.run("""
            INSERT INTO session_cancellations
                (programme_id, pair_id, session_date, participant_id, source_message_id, created_at)
            VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING
            """, [programmeID, pairID, date, participantID, sourceMessageID, now])
        return connection.changes == 1
    }

    /// Every cancelled session of the programme.
    public func cancelled(programmeID: Int64) throws -> Set<Cancelled> {
        Set(try connection.query(
            "SELECT pair_id, session_date FROM session_cancellations WHERE programme_id = ?", [programmeID]
        ).map { Cancelled(pairID: $0.int64("pair_id"), date: $0.string("session_date")) })
    }
}

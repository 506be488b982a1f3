/// A school pair's joint statement for the mentee's portfolio: what the two of them agreed to say about their time
/// as a pair, written down by the mentee. The newest one counts.
public struct JointStatementRepository {
    let connection: Connection

    public init(_ connection: Connection) { self.connection = connection }

    public func save(_ text: String, programmeID: Int64, pairID: Int64, authorID: Int64, now: Int64) throws {
        try connection.run("""
            INSERT INTO joint_statements (programme_id, pair_id, author_id, text, created_at) VALUES (?, ?, ?, ?, ?)
            """, [programmeID, pairID, authorID, text, now])
    }

    /// The pair's newest joint statement.
    public func newest(pairID: Int64) throws -> String? {
        try connection.query(
            "SELECT text FROM joint_statements WHERE pair_id = ? ORDER BY id DESC LIMIT 1", [pairID]
        ).first?.string("text")
    }
}

/// Someone who shares a pair with a participant, with their name.
public struct PairMemberRecord: Sendable, Hashable {
    public let participantID: Int64
    public let name: String
    public let role: String
    public let pairID: Int64
    /// Whether a guardian's consent is recorded for this enrolment (it matters for mentees of school programmes).
    public let guardianConsent: Bool
}

extension ProgrammeRepository {
    /// The other members of the participant's pairs in a programme, by pair then enrolment, in one query (every
    /// inbound message needs them: no query per pair or per peer). A join rather than `IN (subquery)`, sorted here
    /// rather than by SQLite: both built a temporary b-tree for every inbound message (issue 17). A participant
    /// enrolled twice in the same pair (two roles) would list each member twice; the repeats are dropped.
    public func pairMembers(of participantID: Int64, programmeID: Int64) throws -> [PairMemberRecord] {
        let rows = try connection.query("""
            SELECT m.id, m.participant_id, COALESCE(pa.name, '?') AS name, m.role, m.pair_id, m.guardian_consent
            FROM enrolments AS mine
            JOIN enrolments AS m ON m.pair_id = mine.pair_id
            LEFT JOIN participants AS pa ON pa.id = m.participant_id
            WHERE mine.participant_id = ? AND mine.programme_id = ? AND m.participant_id != ?
            """, [participantID, programmeID, participantID]
        ).map { row in
            (enrolmentID: row.int64("id"), member: PairMemberRecord(
                participantID: row.int64("participant_id"), name: row.string("name"), role: row.string("role"),
                pairID: row.int64("pair_id"), guardianConsent: row.bool("guardian_consent")))
        }
        var seen = Set<Int64>()
        return rows.sorted { ($0.member.pairID, $0.enrolmentID) < ($1.member.pairID, $1.enrolmentID) }
            .filter { seen.insert($0.enrolmentID).inserted }
            .map(\.member)
    }
}

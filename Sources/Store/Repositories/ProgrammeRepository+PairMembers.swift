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
    /// inbound message needs them: no query per pair or per peer).
    public func pairMembers(of participantID: Int64, programmeID: Int64) throws -> [PairMemberRecord] {
        try connection.query("""
            SELECT m.participant_id, COALESCE(pa.name, '?') AS name, m.role, m.pair_id, m.guardian_consent
            FROM enrolments AS m LEFT JOIN participants AS pa ON pa.id = m.participant_id
            WHERE m.pair_id IN (
                SELECT pair_id FROM enrolments WHERE participant_id = ? AND programme_id = ? AND pair_id IS NOT NULL)
              AND m.participant_id != ?
            ORDER BY m.pair_id, m.id
            """, [participantID, programmeID, participantID]
        ).map { row in
            PairMemberRecord(
                participantID: row.int64("participant_id"), name: row.string("name"), role: row.string("role"),
                pairID: row.int64("pair_id"), guardianConsent: row.bool("guardian_consent"))
        }
    }
}

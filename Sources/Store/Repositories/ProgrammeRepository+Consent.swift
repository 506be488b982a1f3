extension ProgrammeRepository {
    /// Pairs of a programme with a mentee whose guardian's consent is not recorded (on hold where the template
    /// requires consent).
    public func pairsAwaitingConsent(programmeID: Int64) throws -> Set<Int64> {
        Set(try connection.query("""
            SELECT DISTINCT pair_id FROM enrolments
            WHERE programme_id = ? AND role = 'mentee' AND guardian_consent = 0 AND pair_id IS NOT NULL
            """, [programmeID]).map { $0.int64("pair_id") })
    }

    /// Records that the participant, a mentee of the programme whose guardian's consent is missing, was told what
    /// consent is; true only the first time (so it is said once).
    public func markConsentExplained(participantID: Int64, programmeID: Int64, now: Int64) throws -> Bool {
        try connection.run("""
            UPDATE enrolments SET consent_explained_at = ?
            WHERE participant_id = ? AND programme_id = ? AND role = 'mentee' AND guardian_consent = 0
              AND consent_explained_at IS NULL
            """, [now, participantID, programmeID])
        return connection.changes > 0
    }

    /// The names of the people with `role` in the programme, in enrolment order, each once.
    public func names(programmeID: Int64, role: String) throws -> [String] {
        try connection.query("""
            SELECT p.name FROM enrolments AS e JOIN participants AS p ON p.id = e.participant_id
            WHERE e.programme_id = ? AND e.role = ? GROUP BY p.id ORDER BY MIN(e.id)
            """, [programmeID, role]).map { $0.string("name") }
    }
}

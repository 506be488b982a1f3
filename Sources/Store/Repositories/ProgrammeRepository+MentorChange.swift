extension ProgrammeRepository {
    /// Makes `newMentorID` (already a mentor in the programme) the mentor of `pairID` in place of its current
    /// mentors, and records the change. A new mentor still waiting for a mentee (no pair, or a pair of their own)
    /// moves into the pair; one who already mentors others takes it on besides. The pair's records stay with the
    /// pair, so the mentee keeps its history and the new mentor sees it; a previous mentor's enrolment in the pair
    /// ends (they keep their mentor role, without this pair), and with it their access. Returns the previous
    /// mentors' ids.
    @discardableResult
    public func reassignMentor(pairID: Int64, programmeID: Int64, to newMentorID: Int64, decidedBy: Int64, now: Int64)
        throws -> [Int64]
    {
        let previous = try connection.query("""
            SELECT id, participant_id FROM enrolments WHERE pair_id = ? AND role = 'mentor' AND participant_id != ?
            """, [pairID, newMentorID])
        for row in previous {
            let others = try connection.query("""
                SELECT COUNT(*) AS n FROM enrolments
                WHERE programme_id = ? AND participant_id = ? AND role = 'mentor' AND id != ?
                """, [programmeID, row.int64("participant_id"), row.int64("id")]).first?.int("n") ?? 0
            let end = others > 0
                ? "DELETE FROM enrolments WHERE id = ?" : "UPDATE enrolments SET pair_id = NULL WHERE id = ?"
            try connection.run(end, [row.int64("id")])
        }
        let cohort = try connection.query("SELECT cohort_id FROM pairs WHERE id = ?", [pairID]).first?
            .optionalInt("cohort_id").map(Int64.init)
        // A mentor still waiting for a mentee (no pair, or a pair of their own) moves into this one.
        let unpaired = try connection.query("""
            SELECT e.id FROM enrolments AS e
            WHERE e.programme_id = ? AND e.participant_id = ? AND e.role = 'mentor'
              AND (e.pair_id IS NULL OR NOT EXISTS (
                  SELECT 1 FROM enrolments AS o WHERE o.pair_id = e.pair_id AND o.participant_id != e.participant_id))
            ORDER BY e.pair_id IS NOT NULL, e.id
            """, [programmeID, newMentorID]).first
        if let unpaired {
            try connection.run("UPDATE enrolments SET pair_id = ?, cohort_id = ? WHERE id = ?",
                               [pairID, cohort, unpaired.int64("id")])
        } else {
            try connection.run("""
                INSERT INTO enrolments (programme_id, participant_id, role, pair_id, cohort_id, supervisor_email,
                                        guardian_consent, created_at)
                SELECT programme_id, participant_id, 'mentor', ?, ?, supervisor_email, guardian_consent, ?
                FROM enrolments WHERE programme_id = ? AND participant_id = ? AND role = 'mentor'
                ORDER BY id LIMIT 1
                ON CONFLICT DO NOTHING
                """, [pairID, cohort, now, programmeID, newMentorID])
        }
        let previousIDs = previous.map { $0.int64("participant_id") }
        for previousID in previousIDs.isEmpty ? [nil] : previousIDs.map(Optional.some) {
            try connection.run("""
                INSERT INTO mentor_changes (programme_id, pair_id, previous_mentor_id, new_mentor_id, decided_by,
                                            created_at)
                VALUES (?, ?, ?, ?, ?, ?)
                """, [programmeID, pairID, previousID, newMentorID, decidedBy, now])
        }
        return previousIDs
    }
}

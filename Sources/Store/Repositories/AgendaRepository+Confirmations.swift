extension AgendaRepository {
    /// Records that a pair member confirmed an agenda revision; false if they had already.
    @discardableResult
    public func confirm(agendaID: Int64, participantID: Int64, now: Int64) throws -> Bool {
        try connection.run("""
            INSERT INTO agenda_confirmations (agenda_id, participant_id, confirmed_at) VALUES (?, ?, ?)
            ON CONFLICT (agenda_id, participant_id) DO NOTHING
            """, [agendaID, participantID, now])
        return connection.changes > 0
    }

    /// Who confirmed an agenda revision.
    public func confirmedBy(agendaID: Int64) throws -> Set<Int64> {
        Set(try connection.query(
            "SELECT participant_id FROM agenda_confirmations WHERE agenda_id = ?", [agendaID]
        ).map { $0.int64("participant_id") })
    }

    /// Marks the revision's agenda form as sent to the supervisors; true only the first time.
    public func markSentToSupervisors(agendaID: Int64, now: Int64) throws -> Bool {
        try connection.run(
            "UPDATE agendas SET supervisors_sent_at = ? WHERE id = ? AND supervisors_sent_at IS NULL", [now, agendaID])
        return connection.changes > 0
    }
}

import Engine

/// The programme-wide reads behind session reminders, "did you meet?" and the unanswered-reminder count of
/// "who is behind": agreed sessions, logged dates, reminders sent, claims waiting — one query each.
extension ReminderRepository {
    /// One session of a pair's agreed agenda (its highest revision).
    public struct AgreedSession: Sendable, Hashable {
        public let pairID: Int64
        public let date: CalendarDate
        /// `HH:MM`.
        public let time: String
    }

    /// A reminder item from the ledger.
    public struct SentReminder: Sendable, Hashable {
        public let kind: String
        public let participantID: Int64
        public let subject: String
        public let period: String

        public init(kind: String, participantID: Int64, subject: String, period: String) {
            self.kind = kind
            self.participantID = participantID
            self.subject = subject
            self.period = period
        }
    }

    /// A meeting date a pair logged.
    public struct LoggedDate: Sendable, Hashable {
        public let pairID: Int64
        public let date: CalendarDate

        public init(pairID: Int64, date: CalendarDate) {
            self.pairID = pairID
            self.date = date
        }
    }

    /// The sessions of every pair's agreed agenda, by pair and date.
    public func agreedSessions(programmeID: Int64) throws -> [AgreedSession] {
        try connection.query("""
            SELECT a.pair_id, s.session_date, s.start_time FROM agendas AS a
            JOIN agenda_sessions AS s ON s.agenda_id = a.id
            WHERE a.programme_id = ?
              AND a.revision = (SELECT MAX(b.revision) FROM agendas AS b WHERE b.pair_id = a.pair_id)
            ORDER BY a.pair_id, s.session_date
            """, [programmeID]).compactMap { row in
            CalendarDate(iso: row.string("session_date")).map {
                AgreedSession(pairID: row.int64("pair_id"), date: $0, time: row.string("start_time"))
            }
        }
    }

    /// Every (pair, date) with a logged meeting between `from` and `to` (inclusive).
    public func loggedDates(programmeID: Int64, from: CalendarDate, to: CalendarDate) throws -> Set<LoggedDate> {
        Set(try connection.query("""
            SELECT DISTINCT pair_id, meeting_date FROM log_entries
            WHERE programme_id = ? AND pair_id IS NOT NULL AND meeting_date BETWEEN ? AND ?
            """, [programmeID, from.iso, to.iso]).compactMap { row in
            CalendarDate(iso: row.string("meeting_date")).map { LoggedDate(pairID: row.int64("pair_id"), date: $0) }
        })
    }

    /// The programme's members' reminder items of `kinds` sent before `before` (epoch milliseconds).
    public func sent(programmeID: Int64, kinds: [String], before: Int64) throws -> [SentReminder] {
        let marks = kinds.map { _ in "?" }.joined(separator: ", ")
        return try connection.query("""
            SELECT r.kind, r.participant_id, r.subject, r.period FROM reminders_sent AS r
            WHERE r.kind IN (\(marks)) AND r.created_at < ?
              AND r.participant_id IN (SELECT participant_id FROM enrolments WHERE programme_id = ?)
            ORDER BY r.id
            """, kinds.map { $0 as any SQLBindable } + [before, programmeID]).map { row in
            SentReminder(
                kind: row.string("kind"), participantID: row.int64("participant_id"), subject: row.string("subject"),
                period: row.string("period"))
        }
    }

    /// The programme's members' reminder items of `kind` for periods from `period` on (ISO dates compare as text).
    public func sent(programmeID: Int64, kind: String, fromPeriod period: String) throws -> Set<SentReminder> {
        Set(try connection.query("""
            SELECT r.kind, r.participant_id, r.subject, r.period FROM reminders_sent AS r
            WHERE r.kind = ? AND r.period >= ?
              AND r.participant_id IN (SELECT participant_id FROM enrolments WHERE programme_id = ?)
            """, [kind, period, programmeID]).map { row in
            SentReminder(
                kind: row.string("kind"), participantID: row.int64("participant_id"), subject: row.string("subject"),
                period: row.string("period"))
        })
    }

    /// Expense claims submitted by each pair's members and not yet decided by finance, by pair.
    public func claimsWaiting(programmeID: Int64) throws -> [Int64: Int] {
        var counts: [Int64: Int] = [:]
        for row in try connection.query("""
            SELECT e.pair_id, COUNT(*) AS n FROM expense_claims AS c
            JOIN enrolments AS e ON e.programme_id = c.programme_id AND e.participant_id = c.participant_id
                AND e.role = c.role AND e.pair_id IS NOT NULL
            WHERE c.programme_id = ? AND c.status = 'submitted'
            GROUP BY e.pair_id
            """, [programmeID]) {
            counts[row.int64("pair_id")] = row.int("n")
        }
        return counts
    }
}

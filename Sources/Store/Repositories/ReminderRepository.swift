/// What the scheduler's reminders and "who is behind" read — whole programmes at a time, a few set-based queries —
/// and the `reminders_sent` ledger that keeps every reminder item to once.
public struct ReminderRepository {
    /// One pair's logged activity.
    public struct PairActivity: Sendable, Hashable {
        public let pairID: Int64
        public let label: String
        public let cohortID: Int64?
        public let cohort: String?
        /// Days with a logged meeting (two peers logging the same meeting count once).
        public let meetings: Int
        /// The latest meeting date (ISO), nil when nothing was logged.
        public let lastMeeting: String?
    }

    /// A mentee or mentor of a pair.
    public struct PairMember: Sendable, Hashable {
        public let pairID: Int64
        public let participantID: Int64
        public let role: String
        public let name: String
    }

    /// A facilitator and what they look after (a cohort, or a pair they are enrolled with).
    public struct Facilitator: Sendable, Hashable {
        public let participantID: Int64
        public let cohortID: Int64?
        public let pairID: Int64?
    }

    /// A document someone has submitted.
    public struct Submitted: Sendable, Hashable {
        public let participantID: Int64
        public let document: String

        public init(participantID: Int64, document: String) {
            self.participantID = participantID
            self.document = document
        }
    }

    let connection: Connection

    public init(_ connection: Connection) { self.connection = connection }

    /// Every programme.
    public func programmes() throws -> [ProgrammeRecord] {
        try connection.query("SELECT id, name, template, start_date, time_zone, join_code FROM programmes ORDER BY id")
            .map { row in
                ProgrammeRecord(
                    id: row.int64("id"), name: row.string("name"), template: row.string("template"),
                    startDate: row.string("start_date"), timeZone: row.string("time_zone"),
                    joinCode: row.string("join_code"))
            }
    }

    /// Every pair of the programme with its meetings; only those `viewerID` may reach when given
    /// (see `BroadcastRepository`).
    public func pairActivity(programmeID: Int64, viewerID: Int64?) throws -> [PairActivity] {
        try connection.query("""
            SELECT pr.id, pr.label, pr.cohort_id, c.name AS cohort,
                   COUNT(DISTINCT l.meeting_date) AS meetings, MAX(l.meeting_date) AS last_meeting
            FROM pairs AS pr LEFT JOIN cohorts AS c ON c.id = pr.cohort_id
            LEFT JOIN log_entries AS l ON l.pair_id = pr.id
            WHERE pr.programme_id = ?2 AND (?1 IS NULL OR \(BroadcastRepository.reachable))
            GROUP BY pr.id ORDER BY pr.label
            """, [viewerID, programmeID]).map { row in
            PairActivity(
                pairID: row.int64("id"), label: row.string("label"),
                cohortID: row.optionalInt("cohort_id").map(Int64.init), cohort: row.optionalString("cohort"),
                meetings: row.int("meetings"), lastMeeting: row.optionalString("last_meeting"))
        }
    }

    /// Every mentee and mentor of the programme's pairs.
    public func pairMembers(programmeID: Int64) throws -> [PairMember] {
        try connection.query("""
            SELECT e.pair_id, e.participant_id, e.role, p.name FROM enrolments AS e
            JOIN participants AS p ON p.id = e.participant_id
            WHERE e.programme_id = ? AND e.pair_id IS NOT NULL AND e.role IN ('mentee', 'mentor')
            ORDER BY e.pair_id, e.role, p.name
            """, [programmeID]).map { row in
            PairMember(
                pairID: row.int64("pair_id"), participantID: row.int64("participant_id"), role: row.string("role"),
                name: row.string("name"))
        }
    }

    /// The programme's facilitators and what each looks after.
    public func facilitators(programmeID: Int64) throws -> [Facilitator] {
        try connection.query("""
            SELECT participant_id, cohort_id, pair_id FROM enrolments
            WHERE programme_id = ? AND role = 'facilitator' ORDER BY participant_id
            """, [programmeID]).map { row in
            Facilitator(
                participantID: row.int64("participant_id"), cohortID: row.optionalInt("cohort_id").map(Int64.init),
                pairID: row.optionalInt("pair_id").map(Int64.init))
        }
    }

    /// Which documents each person of the programme has submitted (any number of times).
    public func submittedDocuments(programmeID: Int64) throws -> Set<Submitted> {
        Set(try connection.query(
            "SELECT DISTINCT participant_id, document FROM documents WHERE programme_id = ?", [programmeID]
        ).map { Submitted(participantID: $0.int64("participant_id"), document: $0.string("document")) })
    }

    /// Records a reminder item; returns its row id, or nil if it was sent before (then it must not be sent again).
    public func record(kind: String, participantID: Int64, subject: String, period: String, now: Int64) throws
        -> Int64?
    {
        try connection.run("""
            INSERT INTO reminders_sent (kind, participant_id, subject, period, created_at) VALUES (?, ?, ?, ?, ?)
            ON CONFLICT DO NOTHING
            """, [kind, participantID, subject, period, now])
        return connection.changes == 1 ? connection.lastInsertRowID : nil
    }

    /// Links reminder items to the outbox row that carried them.
    public func setOutbox(_ outboxID: Int64, items: [Int64]) throws {
        for item in items {
            try connection.run("UPDATE reminders_sent SET outbox_id = ? WHERE id = ?", [outboxID, item])
        }
    }
}

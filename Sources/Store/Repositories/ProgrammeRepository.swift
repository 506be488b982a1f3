/// A programme as stored.
public struct ProgrammeRecord: Sendable, Hashable {
    public let id: Int64
    public let name: String
    public let template: String
    public let startDate: String
    public let timeZone: String
    public let joinCode: String
}

/// One role a participant plays in a programme.
public struct EnrolmentRecord: Sendable, Hashable {
    public let id: Int64
    public let programme: ProgrammeRecord
    public let participantID: Int64
    public let role: String
    public let pairID: Int64?
    public let pairLabel: String?
    public let cohortID: Int64?
    public let supervisorEmail: String?
    public let guardianConsent: Bool
}

/// Programmes, cohorts, pairs and enrolments.
public struct ProgrammeRepository {
    let connection: Connection

    public init(_ connection: Connection) { self.connection = connection }

    // MARK: - Programmes

    public func create(name: String, template: String, startDate: String, timeZone: String, joinCode: String, now: Int64)
        throws -> ProgrammeRecord
    {
        try connection.run("""
            INSERT INTO programmes (name, template, start_date, time_zone, join_code, created_at) VALUES (?, ?, ?, ?, ?, ?)
            """, [name, template, startDate, timeZone, joinCode, now])
        return ProgrammeRecord(
            id: connection.lastInsertRowID, name: name, template: template, startDate: startDate, timeZone: timeZone,
            joinCode: joinCode)
    }

    public func programme(named name: String) throws -> ProgrammeRecord? {
        try connection.query("\(Self.programmeColumns) WHERE name = ?", [name]).first.map(Self.programme)
    }

    /// The programme with this join code, read loosely: any case, without the dash, with spaces ("k7p 2qx").
    public func programme(joinCode: String) throws -> ProgrammeRecord? {
        let letters = String(joinCode.uppercased().filter { $0.isASCII && ($0.isLetter || $0.isNumber) })
        return try connection.query(
            "\(Self.programmeColumns) WHERE replace(replace(upper(join_code), '-', ''), ' ', '') = ?", [letters]
        ).first.map(Self.programme)
    }

    public func update(_ programme: ProgrammeRecord, template: String, startDate: String, timeZone: String) throws {
        try connection.run(
            "UPDATE programmes SET template = ?, start_date = ?, time_zone = ? WHERE id = ?",
            [template, startDate, timeZone, programme.id])
    }

    // MARK: - Cohorts and pairs

    /// The cohort's id, created if new.
    public func cohort(_ name: String, programmeID: Int64) throws -> Int64 {
        try connection.run(
            "INSERT INTO cohorts (programme_id, name) VALUES (?, ?) ON CONFLICT DO NOTHING", [programmeID, name])
        return try connection.query(
            "SELECT id FROM cohorts WHERE programme_id = ? AND name = ?", [programmeID, name]).first?.int64("id") ?? 0
    }

    /// The pair's id, created if new; its cohort is updated.
    public func pair(_ label: String, programmeID: Int64, cohortID: Int64?) throws -> Int64 {
        try connection.run("""
            INSERT INTO pairs (programme_id, cohort_id, label) VALUES (?, ?, ?)
            ON CONFLICT (programme_id, label) DO UPDATE SET cohort_id = excluded.cohort_id
            WHERE pairs.cohort_id IS NOT excluded.cohort_id
            """, [programmeID, cohortID, label])
        return try connection.query(
            "SELECT id FROM pairs WHERE programme_id = ? AND label = ?", [programmeID, label]).first?.int64("id") ?? 0
    }

    // MARK: - Enrolments

    /// Enrols (or updates) a participant; returns whether anything changed.
    @discardableResult
    public func enrol(
        participantID: Int64, programmeID: Int64, role: String, pairID: Int64?, cohortID: Int64?,
        supervisorEmail: String?, guardianConsent: Bool, now: Int64
    ) throws -> Bool {
        try connection.run("""
            INSERT INTO enrolments
                (programme_id, participant_id, role, pair_id, cohort_id, supervisor_email, guardian_consent, created_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (programme_id, participant_id, role, COALESCE(pair_id, 0)) DO UPDATE SET
                cohort_id = excluded.cohort_id, supervisor_email = excluded.supervisor_email,
                guardian_consent = excluded.guardian_consent
            WHERE enrolments.cohort_id IS NOT excluded.cohort_id
               OR enrolments.supervisor_email IS NOT excluded.supervisor_email
               OR enrolments.guardian_consent IS NOT excluded.guardian_consent
            """, [programmeID, participantID, role, pairID, cohortID, supervisorEmail, guardianConsent, now])
        return connection.changes > 0
    }

    /// A value that changes (to a new random one) with every write to enrolments, pairs, programmes or a participant's
    /// name: what a membership is read from (migration 111).
    public func membershipVersion() throws -> Int64 {
        try connection.query("SELECT version FROM membership_version").first?.int64("version") ?? 0
    }

    /// Every role the participant plays, newest programme first, then by enrolment. Sorted here: every inbound
    /// message reads them, and an `ORDER BY` across the join cost SQLite a sorter each time (issue 17).
    public func enrolments(participantID: Int64) throws -> [EnrolmentRecord] {
        try connection.query("\(Self.enrolmentColumns) WHERE e.participant_id = ?", [participantID])
            .map(Self.enrolment)
            .sorted { first, second in
                first.programme.startDate == second.programme.startDate
                    ? first.id < second.id
                    : second.programme.startDate.utf8.lexicographicallyPrecedes(first.programme.startDate.utf8)
            }
    }

    /// The enrolments of everyone in a pair.
    public func members(pairID: Int64) throws -> [EnrolmentRecord] {
        try connection.query("\(Self.enrolmentColumns) WHERE e.pair_id = ? ORDER BY e.id", [pairID]).map(Self.enrolment)
    }

    /// Enrolments of a programme with a given role (the safeguarding lead, the finance coordinator, …).
    public func enrolments(programmeID: Int64, role: String) throws -> [EnrolmentRecord] {
        try connection.query("\(Self.enrolmentColumns) WHERE e.programme_id = ? AND e.role = ? ORDER BY e.id",
                             [programmeID, role]).map(Self.enrolment)
    }

    // MARK: - Rows

    private static let programmeColumns =
        "SELECT id, name, template, start_date, time_zone, join_code FROM programmes"

    private static let enrolmentColumns = """
        SELECT e.id AS enrolment_id, e.participant_id, e.role, e.pair_id, e.cohort_id, e.supervisor_email,
               e.guardian_consent, pr.label AS pair_label,
               p.id, p.name, p.template, p.start_date, p.time_zone, p.join_code
        FROM enrolments AS e JOIN programmes AS p ON p.id = e.programme_id LEFT JOIN pairs AS pr ON pr.id = e.pair_id
        """

    private static func programme(_ row: Row) -> ProgrammeRecord {
        ProgrammeRecord(
            id: row.int64("id"), name: row.string("name"), template: row.string("template"),
            startDate: row.string("start_date"), timeZone: row.string("time_zone"), joinCode: row.string("join_code"))
    }

    private static func enrolment(_ row: Row) -> EnrolmentRecord {
        EnrolmentRecord(
            id: row.int64("enrolment_id"), programme: programme(row), participantID: row.int64("participant_id"),
            role: row.string("role"), pairID: row.optionalInt("pair_id").map(Int64.init),
            pairLabel: row.optionalString("pair_label"), cohortID: row.optionalInt("cohort_id").map(Int64.init),
            supervisorEmail: row.optionalString("supervisor_email"), guardianConsent: row.bool("guardian_consent"))
    }
}

/// Safeguarding concerns. Every read takes the viewer's participant id and returns nothing unless the viewer is
/// enrolled as `safeguarding_lead` in the concern's programme: nobody else — peer, facilitator, coordinator,
/// finance coordinator — reads a concern through this repository.
public struct ConcernRepository {
    /// One concern as its safeguarding lead sees it.
    public struct Concern: Sendable, Hashable {
        public let id: Int64
        public let programmeID: Int64
        public let raisedBy: Int64
        /// The name of the person who raised it, now (it reads "removed" after an erasure).
        public let raisedByName: String
        public let role: String
        public let what: String
        /// Someone may be in danger now: the answer was yes, or not sure.
        public let dangerNow: Bool
        /// The person was not sure whether someone is in danger.
        public let dangerUnsure: Bool
        public let involved: String?
        public let contact: String
        /// `lead`, `coordinators` or `nobody`.
        public let notified: String
        public let createdAt: Int64
        /// It came without proof of who sent it (migration 48).
        public let unproven: Bool
    }

    let connection: Connection

    public init(_ connection: Connection) { self.connection = connection }

    @discardableResult
    public func insert(
        programmeID: Int64, raisedBy: Int64, role: String, what: String, dangerNow: Bool, dangerUnsure: Bool = false,
        involved: String?, contact: String, notified: String, unproven: Bool = false, now: Int64
    ) throws -> Int64 {
        try connection.run("""
            INSERT INTO concerns (programme_id, raised_by, role, what, danger_now, danger_unsure, involved, contact,
                                  notified, unproven, created_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, [programmeID, raisedBy, role, what, dangerNow || dangerUnsure, dangerUnsure, involved, contact,
                  notified, unproven, now])
        return connection.lastInsertRowID
    }

    /// Whether `viewerID` is a safeguarding lead of the programme.
    public func isLead(viewerID: Int64, programmeID: Int64) throws -> Bool {
        try !connection.query("""
            SELECT 1 FROM enrolments WHERE participant_id = ? AND programme_id = ? AND role = 'safeguarding_lead'
            """, [viewerID, programmeID]).isEmpty
    }

    /// The concerns of every programme the viewer is safeguarding lead of, newest first; empty for anyone else.
    public func concerns(viewerID: Int64) throws -> [Concern] {
        try connection.query("""
            \(Self.columns)
            WHERE c.programme_id IN
                (SELECT programme_id FROM enrolments WHERE participant_id = ? AND role = 'safeguarding_lead')
            ORDER BY c.id DESC
            """, [viewerID]).map(Self.concern)
    }

    /// One concern, if the viewer is a safeguarding lead of its programme; nil otherwise (also when it does not exist).
    public func concern(id: Int64, viewerID: Int64) throws -> Concern? {
        try connection.query("""
            \(Self.columns)
            WHERE c.id = ? AND c.programme_id IN
                (SELECT programme_id FROM enrolments WHERE participant_id = ? AND role = 'safeguarding_lead')
            """, [id, viewerID]).first.map(Self.concern)
    }

    /// How many concerns a person raised themselves (for "my data": the count only, never the content).
    public func count(raisedBy participantID: Int64) throws -> Int {
        try connection.query("SELECT COUNT(*) AS n FROM concerns WHERE raised_by = ?", [participantID]).first?.int("n") ?? 0
    }

    private static let columns = """
        SELECT c.id, c.programme_id, c.raised_by, COALESCE(p.name, '') AS raised_by_name, c.role, c.what,
               c.danger_now, c.danger_unsure, c.involved, c.contact, c.notified, c.created_at, c.unproven
        FROM concerns AS c LEFT JOIN participants AS p ON p.id = c.raised_by
        """

    private static func concern(_ row: Row) -> Concern {
        Concern(
            id: row.int64("id"), programmeID: row.int64("programme_id"), raisedBy: row.int64("raised_by"),
            raisedByName: row.string("raised_by_name"), role: row.string("role"), what: row.string("what"),
            dangerNow: row.bool("danger_now"), dangerUnsure: row.bool("danger_unsure"),
            involved: row.optionalString("involved"), contact: row.string("contact"),
            notified: row.string("notified"), createdAt: row.int64("created_at"), unproven: row.bool("unproven"))
    }
}

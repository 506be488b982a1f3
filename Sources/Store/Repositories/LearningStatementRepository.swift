/// A mentee's learning statement, kept as revisions: the guided interview drafts revision 1, each change of a part
/// a new revision, and the mentee approves one. Only what the mentee approved survives opting out.
public struct LearningStatementRepository {
    /// The seven parts of a statement, in the order the interview asks them and the document shows them.
    public struct Parts: Sendable, Hashable {
        public var about: String
        public var objectives: String
        public var activities: String
        public var hardSkills: String
        public var communication: String
        public var organisation: String
        public var nowAble: String

        public init(
            about: String, objectives: String, activities: String, hardSkills: String, communication: String,
            organisation: String, nowAble: String
        ) {
            self.about = about
            self.objectives = objectives
            self.activities = activities
            self.hardSkills = hardSkills
            self.communication = communication
            self.organisation = organisation
            self.nowAble = nowAble
        }

        /// The parts as numbered in the document (1–7).
        public var numbered: [String] {
            [about, objectives, activities, hardSkills, communication, organisation, nowAble]
        }

        /// The same parts with part `number` (1–7) replaced; nil for another number.
        public func replacing(_ number: Int, with text: String) -> Parts? {
            var parts = self
            switch number {
            case 1: parts.about = text
            case 2: parts.objectives = text
            case 3: parts.activities = text
            case 4: parts.hardSkills = text
            case 5: parts.communication = text
            case 6: parts.organisation = text
            case 7: parts.nowAble = text
            default: return nil
            }
            return parts
        }
    }

    /// One revision.
    public struct Statement: Sendable, Hashable {
        public let id: Int64
        public let revision: Int
        public let parts: Parts
        /// When the mentee approved it (epoch ms), or nil for a draft.
        public let approvedAt: Int64?
    }

    let connection: Connection

    public init(_ connection: Connection) { self.connection = connection }

    /// Saves `parts` as the mentee's newest draft.
    @discardableResult
    public func draft(_ parts: Parts, participantID: Int64, programmeID: Int64, now: Int64) throws -> Statement {
        let revision = (try newest(participantID: participantID, programmeID: programmeID)?.revision ?? 0) + 1
        try connection.run("""
            INSERT INTO learning_statements (programme_id, participant_id, revision, about, objectives, activities,
                                             hard_skills, communication, organisation, now_able, created_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, [programmeID, participantID, revision, parts.about, parts.objectives, parts.activities,
                  parts.hardSkills, parts.communication, parts.organisation, parts.nowAble, now])
        return Statement(id: connection.lastInsertRowID, revision: revision, parts: parts, approvedAt: nil)
    }

    /// The mentee's newest revision, draft or approved.
    public func newest(participantID: Int64, programmeID: Int64) throws -> Statement? {
        try select("WHERE participant_id = ? AND programme_id = ? ORDER BY revision DESC LIMIT 1",
                   [participantID, programmeID]).first
    }

    /// The newest revision the mentee approved.
    public func approved(participantID: Int64, programmeID: Int64) throws -> Statement? {
        try select("""
            WHERE participant_id = ? AND programme_id = ? AND approved_at IS NOT NULL ORDER BY revision DESC LIMIT 1
            """, [participantID, programmeID]).first
    }

    /// Marks a revision approved.
    public func approve(id: Int64, now: Int64) throws {
        try connection.run("UPDATE learning_statements SET approved_at = ? WHERE id = ?", [now, id])
    }

    /// Deletes every revision but the newest approved one (opting out keeps only what the mentee approved);
    /// returns how many were deleted.
    @discardableResult
    public func deleteAllButApproved(participantID: Int64, programmeID: Int64) throws -> Int {
        let keep = try approved(participantID: participantID, programmeID: programmeID)?.id ?? 0
        try connection.run(
            "DELETE FROM learning_statements WHERE participant_id = ? AND programme_id = ? AND id != ?",
            [participantID, programmeID, keep])
        return connection.changes
    }

    private func select(_ clause: String, _ arguments: [any SQLBindable]) throws -> [Statement] {
        try connection.query("""
            SELECT id, revision, about, objectives, activities, hard_skills, communication, organisation, now_able,
                   approved_at
            FROM learning_statements \(clause)
            """, arguments).map { row in
            Statement(
                id: row.int64("id"), revision: row.int("revision"),
                parts: Parts(
                    about: row.string("about"), objectives: row.string("objectives"),
                    activities: row.string("activities"), hardSkills: row.string("hard_skills"),
                    communication: row.string("communication"), organisation: row.string("organisation"),
                    nowAble: row.string("now_able")),
                approvedAt: row.optionalInt("approved_at").map(Int64.init))
        }
    }
}

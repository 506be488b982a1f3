/// Learning plans, append-only: a row is never changed, only superseded by a newer revision of it.
public struct LearningPlanRepository {
    /// One revision of one row of a pair's learning plan.
    public struct PlanRow: Sendable, Hashable {
        public let id: Int64
        public let pairID: Int64
        /// The row's position in the plan, from 1; kept by its revisions.
        public let number: Int
        public let revision: Int
        public let authorID: Int64
        public let content: Content
    }

    /// What one row of a learning plan says.
    public struct Content: Sendable, Hashable {
        public let objective: String
        public let actionSteps: String
        public let mentorSupport: String
        public let timeFrame: String
        public let resources: String?
        public let evidence: String

        public init(
            objective: String, actionSteps: String, mentorSupport: String, timeFrame: String, resources: String?,
            evidence: String
        ) {
            self.objective = objective
            self.actionSteps = actionSteps
            self.mentorSupport = mentorSupport
            self.timeFrame = timeFrame
            self.resources = resources
            self.evidence = evidence
        }
    }

    let connection: Connection

    public init(_ connection: Connection) { self.connection = connection }

    /// Appends a new row (numbered after the pair's last one) to the pair's plan.
    @discardableResult
    public func add(_ content: Content, programmeID: Int64, pairID: Int64, authorID: Int64, now: Int64) throws
        -> PlanRow
    {
        let number = try connection.query(
            "SELECT COALESCE(MAX(row_number), 0) + 1 AS next FROM plan_rows WHERE pair_id = ?", [pairID]
        ).first?.int("next") ?? 1
        return try insert(content, programmeID: programmeID, pairID: pairID, number: number, revision: 1,
                          authorID: authorID, now: now)
    }

    /// Replaces the current version of row `number` of the pair's plan with a new revision; the old one is kept,
    /// marked as superseded. Returns nil when the pair's plan has no such row.
    public func revise(
        number: Int, with content: Content, programmeID: Int64, pairID: Int64, authorID: Int64, now: Int64
    ) throws -> PlanRow? {
        guard let old = try current(pairID: pairID).first(where: { $0.number == number }) else { return nil }
        let row = try insert(content, programmeID: programmeID, pairID: pairID, number: number,
                             revision: old.revision + 1, authorID: authorID, now: now)
        try connection.run(
            "UPDATE plan_rows SET superseded_by = ? WHERE id = ? AND pair_id = ?", [row.id, old.id, pairID])
        return row
    }

    /// The pair's current plan: the newest revision of each row, by row number.
    public func current(pairID: Int64) throws -> [PlanRow] {
        try connection.query("""
            SELECT id, pair_id, row_number, revision, author_id, objective, action_steps, mentor_support, time_frame,
                   resources, evidence
            FROM plan_rows WHERE pair_id = ? AND superseded_by IS NULL ORDER BY row_number
            """, [pairID]).map { row in
            PlanRow(
                id: row.int64("id"), pairID: row.int64("pair_id"), number: row.int("row_number"),
                revision: row.int("revision"), authorID: row.int64("author_id"),
                content: Content(
                    objective: row.string("objective"), actionSteps: row.string("action_steps"),
                    mentorSupport: row.string("mentor_support"), timeFrame: row.string("time_frame"),
                    resources: row.optionalString("resources"), evidence: row.string("evidence")))
        }
    }

    private func insert(
        _ content: Content, programmeID: Int64, pairID: Int64, number: Int, revision: Int, authorID: Int64, now: Int64
    ) throws -> PlanRow {
        try connection.run("""
            INSERT INTO plan_rows (programme_id, pair_id, row_number, revision, author_id, objective, action_steps,
                                   mentor_support, time_frame, resources, evidence, created_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, [programmeID, pairID, number, revision, authorID, content.objective, content.actionSteps,
                  content.mentorSupport, content.timeFrame, content.resources, content.evidence, now])
        return PlanRow(
            id: connection.lastInsertRowID, pairID: pairID, number: number, revision: revision, authorID: authorID,
            content: content)
    }
}

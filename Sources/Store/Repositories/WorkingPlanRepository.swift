/// A school pair's working plan: the mentee's strengths and what to work on (each save a new revision), and its
/// goals, numbered from 1 — each with how to reach it (who does what and when) and a time frame.
public struct WorkingPlanRepository {
    /// The newest strengths and weaknesses of a pair.
    public struct Profile: Sendable, Hashable {
        public let revision: Int
        public let strengths: String
        public let weaknesses: String
    }

    /// One goal of the plan.
    public struct Goal: Sendable, Hashable {
        public let number: Int
        public let goal: String
        public let how: String
        public let timeFrame: String

        public init(number: Int = 0, goal: String, how: String, timeFrame: String) {
            self.number = number
            self.goal = goal
            self.how = how
            self.timeFrame = timeFrame
        }
    }

    let connection: Connection

    public init(_ connection: Connection) { self.connection = connection }

    /// Saves a new revision of the pair's strengths and weaknesses.
    @discardableResult
    public func saveProfile(
        strengths: String, weaknesses: String, programmeID: Int64, pairID: Int64, authorID: Int64, now: Int64
    ) throws -> Profile {
        let revision = (try profile(pairID: pairID)?.revision ?? 0) + 1
        try connection.run("""
            INSERT INTO working_plans (programme_id, pair_id, revision, author_id, strengths, weaknesses, created_at)
            VALUES (?, ?, ?, ?, ?, ?, ?)
            """, [programmeID, pairID, revision, authorID, strengths, weaknesses, now])
        return Profile(revision: revision, strengths: strengths, weaknesses: weaknesses)
    }

    /// The pair's newest strengths and weaknesses, if any were saved.
    public func profile(pairID: Int64) throws -> Profile? {
        try connection.query("""
            SELECT revision, strengths, weaknesses FROM working_plans WHERE pair_id = ? ORDER BY revision DESC LIMIT 1
            """, [pairID]).first.map { row in
            Profile(revision: row.int("revision"), strengths: row.string("strengths"),
                    weaknesses: row.string("weaknesses"))
        }
    }

    /// Adds a goal after the pair's last one; returns it with its number.
    @discardableResult
    public func addGoal(_ goal: Goal, programmeID: Int64, pairID: Int64, authorID: Int64, now: Int64) throws -> Goal {
        let number = try connection.query(
            "SELECT COALESCE(MAX(number), 0) + 1 AS next FROM working_plan_goals WHERE pair_id = ?", [pairID]
        ).first?.int("next") ?? 1
        try connection.run("""
            INSERT INTO working_plan_goals (programme_id, pair_id, number, author_id, goal, how, time_frame, created_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """, [programmeID, pairID, number, authorID, goal.goal, goal.how, goal.timeFrame, now])
        return Goal(number: number, goal: goal.goal, how: goal.how, timeFrame: goal.timeFrame)
    }

    /// The pair's goals by number.
    public func goals(pairID: Int64) throws -> [Goal] {
        try connection.query(
            "SELECT number, goal, how, time_frame FROM working_plan_goals WHERE pair_id = ? ORDER BY number", [pairID]
        ).map { row in
            Goal(number: row.int("number"), goal: row.string("goal"), how: row.string("how"),
                 timeFrame: row.string("time_frame"))
        }
    }
}

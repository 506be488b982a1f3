import Foundation

/// What a mentee decided about the optional validation of their learning: which goals of the working plan their
/// portfolio shows, and whether they opted out (a record of each time they did, and of coming back).
public struct ValidationChoiceRepository {
    let connection: Connection

    public init(_ connection: Connection) { self.connection = connection }

    /// The goal numbers the mentee chose to show, or nil if they never chose.
    public func portfolioGoals(participantID: Int64, programmeID: Int64) throws -> [Int]? {
        guard let text = try connection.query(
            "SELECT goals FROM portfolio_choices WHERE participant_id = ? AND programme_id = ?",
            [participantID, programmeID]
        ).first?.string("goals") else { return nil }
        return (try? JSONDecoder().decode([Int].self, from: Data(text.utf8))) ?? []
    }

    public func choosePortfolioGoals(_ goals: [Int], participantID: Int64, programmeID: Int64, now: Int64) throws {
        let text = String(decoding: try JSONEncoder().encode(goals.sorted()), as: UTF8.self)
        try connection.run("""
            INSERT INTO portfolio_choices (participant_id, programme_id, goals, updated_at) VALUES (?, ?, ?, ?)
            ON CONFLICT (participant_id, programme_id) DO UPDATE SET goals = excluded.goals,
                updated_at = excluded.updated_at
            """, [participantID, programmeID, text, now])
    }

    public func forgetPortfolioGoals(participantID: Int64, programmeID: Int64) throws {
        try connection.run(
            "DELETE FROM portfolio_choices WHERE participant_id = ? AND programme_id = ?", [participantID, programmeID])
    }

    /// Whether the mentee has opted out (and not come back since).
    public func isOptedOut(participantID: Int64, programmeID: Int64) throws -> Bool {
        try !connection.query("""
            SELECT 1 FROM validation_opt_outs WHERE participant_id = ? AND programme_id = ? AND opted_in_at IS NULL
            """, [participantID, programmeID]).isEmpty
    }

    /// Records opting out; false if the mentee already had.
    @discardableResult
    public func optOut(participantID: Int64, programmeID: Int64, now: Int64) throws -> Bool {
        guard try !isOptedOut(participantID: participantID, programmeID: programmeID) else { return false }
        try connection.run("""
            INSERT INTO validation_opt_outs (participant_id, programme_id, opted_out_at) VALUES (?, ?, ?)
            """, [participantID, programmeID, now])
        return true
    }

    /// Records coming back after opting out; false if the mentee had not opted out.
    @discardableResult
    public func optIn(participantID: Int64, programmeID: Int64, now: Int64) throws -> Bool {
        try connection.run("""
            UPDATE validation_opt_outs SET opted_in_at = ?
            WHERE participant_id = ? AND programme_id = ? AND opted_in_at IS NULL
            """, [now, participantID, programmeID])
        return connection.changes > 0
    }
}

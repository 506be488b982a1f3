extension ErasureRepository {
    /// What the school steps keep that the participant wrote or that is theirs, for "my data": working plans and
    /// goals, progress reviews, learning statements, joint statements, the project team's evaluations of them,
    /// portfolio choices and opting out.
    func schoolRecords(participantID id: Int64) throws -> [String] {
        var lines = try connection.query(
            "SELECT revision, strengths, weaknesses FROM working_plans WHERE author_id = ? ORDER BY id", [id]
        ).map { "working plan v\($0.int("revision")): \($0.string("strengths")); \($0.string("weaknesses"))" }
        lines += try connection.query(
            "SELECT number, goal, how, time_frame FROM working_plan_goals WHERE author_id = ? ORDER BY id", [id]
        ).map { "goal \($0.int("number")): \($0.string("goal")); \($0.string("how")); \($0.string("time_frame"))" }
        lines += try connection.query("""
            SELECT reviewed_on, achieved, next_steps, (SELECT group_concat(indication, ', ') FROM review_indications
                WHERE review_id = r.id) AS ticked
            FROM progress_reviews AS r WHERE author_id = ? ORDER BY id
            """, [id]).map { row in
            "review \(row.string("reviewed_on")): \(row.string("achieved"))"
                + (row.optionalString("next_steps").map { "; \($0)" } ?? "")
                + (row.optionalString("ticked").map { " [\($0)]" } ?? "")
        }
        lines += try connection.query("""
            SELECT revision, approved_at IS NOT NULL AS approved FROM learning_statements WHERE participant_id = ?
            ORDER BY id
            """, [id]).map { "learning statement v\($0.int("revision"))" + ($0.bool("approved") ? ", approved" : "") }
        lines += try connection.query(
            "SELECT text FROM joint_statements WHERE author_id = ? ORDER BY id", [id]
        ).map { "joint statement: \($0.string("text"))" }
        lines += try connection.query(
            "SELECT participation, consistency FROM team_evaluations WHERE mentee_id = ? ORDER BY id", [id]
        ).map { "project team's evaluation: \($0.string("participation")), \($0.string("consistency"))" }
        lines += try connection.query(
            "SELECT goals FROM portfolio_choices WHERE participant_id = ?", [id]
        ).map { "portfolio goals: \($0.string("goals"))" }
        lines += try connection.query(
            "SELECT opted_out_at, opted_in_at FROM validation_opt_outs WHERE participant_id = ? ORDER BY id", [id]
        ).map { $0.optionalInt("opted_in_at") == nil ? "opted out of the validation" : "opted out, then back in" }
        return lines
    }

    /// Erasure for the school steps: the free text they wrote is blanked (what counts stays: goals' numbers,
    /// reviews' dates and ticked indications), their learning statements, the evaluations of them and their
    /// portfolio choices deleted; an evaluation they wrote about a pupil no longer names them.
    func eraseSchoolRecords(participantID id: Int64) throws {
        try connection.run("UPDATE working_plans SET strengths = '', weaknesses = '' WHERE author_id = ?", [id])
        try connection.run(
            "UPDATE working_plan_goals SET goal = '', how = '', time_frame = '' WHERE author_id = ?", [id])
        try connection.run(
            "UPDATE progress_reviews SET achieved = '', next_steps = NULL WHERE author_id = ?", [id])
        try connection.run("DELETE FROM learning_statements WHERE participant_id = ?", [id])
        try connection.run("UPDATE joint_statements SET text = '' WHERE author_id = ?", [id])
        try connection.run("DELETE FROM team_evaluations WHERE mentee_id = ?", [id])
        try connection.run("UPDATE team_evaluations SET evaluator_id = NULL WHERE evaluator_id = ?", [id])
        try connection.run("DELETE FROM portfolio_choices WHERE participant_id = ?", [id])
    }
}

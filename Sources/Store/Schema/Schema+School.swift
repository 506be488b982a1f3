extension Schema {
    /// The school programme's own steps (versions 100–109): working plans, progress reviews, changes of mentor,
    /// and the optional validation of a pupil's learning (statement, joint statement, the project team's
    /// evaluation, portfolio choices, opting out).
    static let school: [Migration] = [schoolSteps]

    static let schoolSteps = Migration(version: 100, name: "school working plans, reviews, mentor changes, validation",
                                       sql: """
        -- What a pair's working plan says about the mentee: strengths and what to work on; each save a revision.
        CREATE TABLE working_plans (
            id INTEGER PRIMARY KEY,
            programme_id INTEGER NOT NULL REFERENCES programmes(id) ON DELETE CASCADE,
            pair_id INTEGER NOT NULL REFERENCES pairs(id) ON DELETE CASCADE,
            revision INTEGER NOT NULL CHECK (revision > 0),
            author_id INTEGER NOT NULL REFERENCES participants(id) ON DELETE CASCADE,
            strengths TEXT NOT NULL,
            weaknesses TEXT NOT NULL,
            created_at INTEGER NOT NULL,
            UNIQUE (pair_id, revision)
        );
        -- The goals of a pair's working plan, numbered from 1: the goal, how to reach it (who does what, when)
        -- and its time frame.
        CREATE TABLE working_plan_goals (
            id INTEGER PRIMARY KEY,
            programme_id INTEGER NOT NULL REFERENCES programmes(id) ON DELETE CASCADE,
            pair_id INTEGER NOT NULL REFERENCES pairs(id) ON DELETE CASCADE,
            number INTEGER NOT NULL CHECK (number > 0),
            author_id INTEGER NOT NULL REFERENCES participants(id) ON DELETE CASCADE,
            goal TEXT NOT NULL,
            how TEXT NOT NULL,
            time_frame TEXT NOT NULL,
            created_at INTEGER NOT NULL,
            UNIQUE (pair_id, number)
        );
        -- A progress review of a pair: what was achieved, what next, at which stage of the programme.
        CREATE TABLE progress_reviews (
            id INTEGER PRIMARY KEY,
            programme_id INTEGER NOT NULL REFERENCES programmes(id) ON DELETE CASCADE,
            pair_id INTEGER NOT NULL REFERENCES pairs(id) ON DELETE CASCADE,
            author_id INTEGER NOT NULL REFERENCES participants(id) ON DELETE CASCADE,
            stage TEXT,
            achieved TEXT NOT NULL,
            next_steps TEXT,
            reviewed_on TEXT NOT NULL,
            created_at INTEGER NOT NULL
        );
        CREATE INDEX progress_reviews_pair ON progress_reviews(pair_id, id);
        CREATE INDEX progress_reviews_programme ON progress_reviews(programme_id, pair_id);
        -- The good indications a review ticked (ids of the review flow's options): counted, never their words.
        CREATE TABLE review_indications (
            review_id INTEGER NOT NULL REFERENCES progress_reviews(id) ON DELETE CASCADE,
            indication TEXT NOT NULL,
            PRIMARY KEY (review_id, indication)
        );
        -- A pair's change of mentor, decided by a coordinator.
        CREATE TABLE mentor_changes (
            id INTEGER PRIMARY KEY,
            programme_id INTEGER NOT NULL REFERENCES programmes(id) ON DELETE CASCADE,
            pair_id INTEGER NOT NULL REFERENCES pairs(id) ON DELETE CASCADE,
            previous_mentor_id INTEGER REFERENCES participants(id) ON DELETE SET NULL,
            new_mentor_id INTEGER REFERENCES participants(id) ON DELETE SET NULL,
            decided_by INTEGER REFERENCES participants(id) ON DELETE SET NULL,
            created_at INTEGER NOT NULL
        );
        CREATE INDEX mentor_changes_pair ON mentor_changes(pair_id);
        -- A mentee's learning statement, one row per revision; approved_at marks the one the mentee approved.
        CREATE TABLE learning_statements (
            id INTEGER PRIMARY KEY,
            programme_id INTEGER NOT NULL REFERENCES programmes(id) ON DELETE CASCADE,
            participant_id INTEGER NOT NULL REFERENCES participants(id) ON DELETE CASCADE,
            revision INTEGER NOT NULL CHECK (revision > 0),
            about TEXT NOT NULL,
            objectives TEXT NOT NULL,
            activities TEXT NOT NULL,
            hard_skills TEXT NOT NULL,
            communication TEXT NOT NULL,
            organisation TEXT NOT NULL,
            now_able TEXT NOT NULL,
            approved_at INTEGER,
            created_at INTEGER NOT NULL,
            UNIQUE (programme_id, participant_id, revision)
        );
        -- The pair's joint statement, written down by the mentee for their portfolio; the newest one counts.
        CREATE TABLE joint_statements (
            id INTEGER PRIMARY KEY,
            programme_id INTEGER NOT NULL REFERENCES programmes(id) ON DELETE CASCADE,
            pair_id INTEGER NOT NULL REFERENCES pairs(id) ON DELETE CASCADE,
            author_id INTEGER NOT NULL REFERENCES participants(id) ON DELETE CASCADE,
            text TEXT NOT NULL,
            created_at INTEGER NOT NULL
        );
        CREATE INDEX joint_statements_pair ON joint_statements(pair_id, id);
        -- The project team's evaluation of a mentee for the portfolio; the newest one counts.
        CREATE TABLE team_evaluations (
            id INTEGER PRIMARY KEY,
            programme_id INTEGER NOT NULL REFERENCES programmes(id) ON DELETE CASCADE,
            mentee_id INTEGER NOT NULL REFERENCES participants(id) ON DELETE CASCADE,
            evaluator_id INTEGER REFERENCES participants(id) ON DELETE SET NULL,
            participation TEXT NOT NULL,
            achievements TEXT NOT NULL,
            consistency TEXT NOT NULL,
            note TEXT,
            created_at INTEGER NOT NULL
        );
        CREATE INDEX team_evaluations_mentee ON team_evaluations(mentee_id, programme_id);
        -- What the mentee chose for the portfolio: the working plan's goals it shows (a JSON list of numbers).
        CREATE TABLE portfolio_choices (
            participant_id INTEGER NOT NULL REFERENCES participants(id) ON DELETE CASCADE,
            programme_id INTEGER NOT NULL REFERENCES programmes(id) ON DELETE CASCADE,
            goals TEXT NOT NULL,
            updated_at INTEGER NOT NULL,
            PRIMARY KEY (participant_id, programme_id)
        );
        -- Opting out of the validation (and back in): the record of the mentee's choice.
        CREATE TABLE validation_opt_outs (
            id INTEGER PRIMARY KEY,
            participant_id INTEGER NOT NULL REFERENCES participants(id) ON DELETE CASCADE,
            programme_id INTEGER NOT NULL REFERENCES programmes(id) ON DELETE CASCADE,
            opted_out_at INTEGER NOT NULL,
            opted_in_at INTEGER
        );
        CREATE INDEX validation_opt_outs_participant ON validation_opt_outs(participant_id, programme_id);
        """)
}

extension Schema {
    /// Agendas, ground rules, learning plans, documents, feedback, evaluations, transferability assessments.
    static let participantRecords: [Migration] = [agendas, groundRules, learningPlans, documents, feedback]

    static let agendas = Migration(version: 2, name: "pair agendas and their sessions", sql: """
        -- A pair's agenda: every save is a new revision; the highest revision is the agreed one.
        CREATE TABLE agendas (
            id INTEGER PRIMARY KEY,
            programme_id INTEGER NOT NULL REFERENCES programmes(id) ON DELETE CASCADE,
            pair_id INTEGER NOT NULL REFERENCES pairs(id) ON DELETE CASCADE,
            revision INTEGER NOT NULL CHECK (revision > 0),
            author_id INTEGER NOT NULL REFERENCES participants(id) ON DELETE CASCADE,
            frequency TEXT NOT NULL CHECK (frequency IN ('weekly', 'every_two_weeks', 'monthly')),
            topics TEXT NOT NULL,
            notes TEXT,
            source_message_id INTEGER REFERENCES inbound_messages(id) ON DELETE SET NULL,
            created_at INTEGER NOT NULL,
            UNIQUE (pair_id, revision)
        );
        -- The dated sessions of one agenda revision, numbered from 1.
        CREATE TABLE agenda_sessions (
            agenda_id INTEGER NOT NULL REFERENCES agendas(id) ON DELETE CASCADE,
            number INTEGER NOT NULL CHECK (number BETWEEN 1 AND 12),
            session_date TEXT NOT NULL,
            start_time TEXT NOT NULL,
            PRIMARY KEY (agenda_id, number)
        );
        """)

    static let groundRules = Migration(version: 3, name: "pair ground rules and agreements", sql: """
        -- A pair's ground rules, proposed by one peer; a new proposal is a new revision.
        CREATE TABLE ground_rules (
            id INTEGER PRIMARY KEY,
            programme_id INTEGER NOT NULL REFERENCES programmes(id) ON DELETE CASCADE,
            pair_id INTEGER NOT NULL REFERENCES pairs(id) ON DELETE CASCADE,
            revision INTEGER NOT NULL CHECK (revision > 0),
            proposed_by INTEGER NOT NULL REFERENCES participants(id) ON DELETE CASCADE,
            how_often TEXT NOT NULL,
            where_when TEXT NOT NULL,
            absence TEXT NOT NULL,
            friends_allowed INTEGER NOT NULL CHECK (friends_allowed IN (0, 1)),
            confidentiality INTEGER NOT NULL CHECK (confidentiality = 1),
            problems TEXT NOT NULL,
            created_at INTEGER NOT NULL,
            UNIQUE (pair_id, revision)
        );
        -- Who agreed to which revision; the rules are agreed when every member of the pair has a row.
        CREATE TABLE ground_rule_agreements (
            ground_rules_id INTEGER NOT NULL REFERENCES ground_rules(id) ON DELETE CASCADE,
            participant_id INTEGER NOT NULL REFERENCES participants(id) ON DELETE CASCADE,
            agreed_at INTEGER NOT NULL,
            PRIMARY KEY (ground_rules_id, participant_id)
        );
        """)

    static let learningPlans = Migration(version: 4, name: "learning plan rows", sql: """
        -- A pair's learning plan, append-only: revising row N inserts a new version of N (revision + 1) and
        -- points the old one at it with superseded_by. The current plan is the rows not superseded.
        CREATE TABLE plan_rows (
            id INTEGER PRIMARY KEY,
            programme_id INTEGER NOT NULL REFERENCES programmes(id) ON DELETE CASCADE,
            pair_id INTEGER NOT NULL REFERENCES pairs(id) ON DELETE CASCADE,
            row_number INTEGER NOT NULL CHECK (row_number > 0),
            revision INTEGER NOT NULL CHECK (revision > 0),
            author_id INTEGER NOT NULL REFERENCES participants(id) ON DELETE CASCADE,
            objective TEXT NOT NULL,
            action_steps TEXT NOT NULL,
            mentor_support TEXT NOT NULL,
            time_frame TEXT NOT NULL,
            resources TEXT,
            evidence TEXT NOT NULL,
            superseded_by INTEGER REFERENCES plan_rows(id),
            created_at INTEGER NOT NULL,
            UNIQUE (pair_id, row_number, revision)
        );
        CREATE INDEX plan_rows_current ON plan_rows(pair_id, superseded_by, row_number);
        """)

    static let documents = Migration(version: 5, name: "submitted documents", sql: """
        -- A document a participant owes (a template's document id), sent as a file or written as answers.
        -- The attachment's bytes are in attachments (by SHA-256), stored by the channel that received them.
        CREATE TABLE documents (
            id INTEGER PRIMARY KEY,
            programme_id INTEGER NOT NULL REFERENCES programmes(id) ON DELETE CASCADE,
            pair_id INTEGER REFERENCES pairs(id) ON DELETE SET NULL,
            participant_id INTEGER NOT NULL REFERENCES participants(id) ON DELETE CASCADE,
            document TEXT NOT NULL,
            attachment_sha256 TEXT,
            filename TEXT,
            answers TEXT,
            submitted_on TEXT NOT NULL,
            due_on TEXT,
            created_at INTEGER NOT NULL,
            CHECK (attachment_sha256 IS NOT NULL OR answers IS NOT NULL)
        );
        CREATE INDEX documents_participant ON documents(participant_id, document);
        CREATE INDEX documents_pair ON documents(pair_id);
        """)

    static let feedback = Migration(version: 6, name: "session feedback, evaluations, transferability", sql: """
        -- After-session check-ins: how useful (1-5) and one sentence.
        CREATE TABLE session_feedback (
            id INTEGER PRIMARY KEY,
            programme_id INTEGER NOT NULL REFERENCES programmes(id) ON DELETE CASCADE,
            pair_id INTEGER REFERENCES pairs(id) ON DELETE SET NULL,
            participant_id INTEGER NOT NULL REFERENCES participants(id) ON DELETE CASCADE,
            usefulness INTEGER NOT NULL CHECK (usefulness BETWEEN 1 AND 5),
            comment TEXT NOT NULL,
            created_at INTEGER NOT NULL
        );
        CREATE INDEX session_feedback_pair ON session_feedback(pair_id, participant_id);
        -- The end-of-programme evaluation.
        CREATE TABLE evaluations (
            id INTEGER PRIMARY KEY,
            programme_id INTEGER NOT NULL REFERENCES programmes(id) ON DELETE CASCADE,
            pair_id INTEGER REFERENCES pairs(id) ON DELETE SET NULL,
            participant_id INTEGER NOT NULL REFERENCES participants(id) ON DELETE CASCADE,
            open_points TEXT NOT NULL,
            gained TEXT NOT NULL,
            feedback TEXT NOT NULL,
            created_at INTEGER NOT NULL
        );
        CREATE INDEX evaluations_pair ON evaluations(pair_id, participant_id);
        -- One good practice ("measure") seen during the visit, assessed by the mentee; rating 1 low - 3 high.
        CREATE TABLE transferability_assessments (
            id INTEGER PRIMARY KEY,
            programme_id INTEGER NOT NULL REFERENCES programmes(id) ON DELETE CASCADE,
            pair_id INTEGER REFERENCES pairs(id) ON DELETE SET NULL,
            participant_id INTEGER NOT NULL REFERENCES participants(id) ON DELETE CASCADE,
            measure TEXT NOT NULL,
            period TEXT NOT NULL,
            technical_conditions TEXT NOT NULL,
            governance TEXT NOT NULL,
            regulatory_framework TEXT NOT NULL,
            other_factors TEXT,
            rating INTEGER NOT NULL CHECK (rating BETWEEN 1 AND 3),
            created_at INTEGER NOT NULL
        );
        CREATE INDEX transferability_pair ON transferability_assessments(pair_id, participant_id);
        """)
}

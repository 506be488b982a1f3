extension Schema {
    /// Safeguarding concerns (apart from every other record) and requests to erase a participant's personal data.
    static let safeguarding: [Migration] = [
        concerns, erasureRequests, concernUncertainty, consentExplained, agendaConfirmations,
    ]

    static let concerns = Migration(version: 40, name: "safeguarding concerns", sql: """
        -- A safeguarding concern raised by a participant. Only the programme's safeguarding lead may read it
        -- (ConcernRepository checks the viewer's enrolment); it is never copied into the mentoring log.
        -- contact: how to reach the person who raised it, as it was when raised ("email: ana@example.org").
        -- notified: who was told at once: 'lead', 'coordinators' (no lead enrolled or reachable) or 'nobody'.
        CREATE TABLE concerns (
            id INTEGER PRIMARY KEY,
            programme_id INTEGER NOT NULL REFERENCES programmes(id) ON DELETE CASCADE,
            raised_by INTEGER NOT NULL REFERENCES participants(id),
            role TEXT NOT NULL,
            what TEXT NOT NULL,
            danger_now INTEGER NOT NULL CHECK (danger_now IN (0, 1)),
            involved TEXT,
            contact TEXT NOT NULL,
            notified TEXT NOT NULL CHECK (notified IN ('lead', 'coordinators', 'nobody')),
            created_at INTEGER NOT NULL
        );
        CREATE INDEX concerns_programme ON concerns(programme_id, id);
        """)

    static let erasureRequests = Migration(version: 41, name: "erasure requests", sql: """
        -- "forget me": a participant asks for their personal data to be erased; a coordinator of the programme
        -- confirms ("erase N"). The row stays as the record that it was done (the name is gone by then).
        CREATE TABLE erasure_requests (
            id INTEGER PRIMARY KEY,
            participant_id INTEGER NOT NULL REFERENCES participants(id),
            programme_id INTEGER NOT NULL REFERENCES programmes(id) ON DELETE CASCADE,
            status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'done')),
            requested_at INTEGER NOT NULL,
            decided_by INTEGER REFERENCES participants(id),
            decided_at INTEGER
        );
        CREATE INDEX erasure_requests_programme ON erasure_requests(programme_id, status);
        """)

    static let concernUncertainty = Migration(
        version: 42, name: "concerns: not sure whether someone is in danger", sql: """
        -- "Is someone in danger right now?" answered "not sure" (or anything but yes and no): danger_now is 1 — it is
        -- treated as possibly urgent — and danger_unsure says the person could not tell.
        ALTER TABLE concerns ADD COLUMN danger_unsure INTEGER NOT NULL DEFAULT 0 CHECK (danger_unsure IN (0, 1));
        """)

    static let consentExplained = Migration(version: 43, name: "enrolments: when consent was explained", sql: """
        -- A pupil whose guardian's consent is not recorded is told once what consent is and who records it: when.
        ALTER TABLE enrolments ADD COLUMN consent_explained_at INTEGER;
        """)

    static let agendaConfirmations = Migration(version: 44, name: "agenda confirmations", sql: """
        -- Who in the pair confirmed a revision of its agenda (its author on saving it). The agenda form goes to the
        -- supervisors only once every member confirmed the revision: supervisors_sent_at says when.
        CREATE TABLE agenda_confirmations (
            agenda_id INTEGER NOT NULL REFERENCES agendas(id) ON DELETE CASCADE,
            participant_id INTEGER NOT NULL REFERENCES participants(id) ON DELETE CASCADE,
            confirmed_at INTEGER NOT NULL,
            PRIMARY KEY (agenda_id, participant_id)
        );
        ALTER TABLE agendas ADD COLUMN supervisors_sent_at INTEGER;
        """)
}

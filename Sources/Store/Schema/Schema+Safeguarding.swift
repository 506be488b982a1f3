extension Schema {
    /// Safeguarding concerns (apart from every other record) and requests to erase a participant's personal data.
    static let safeguarding: [Migration] = [
        concerns, erasureRequests, concernUncertainty, consentExplained, agendaConfirmations, erasureTraces,
        inboundRetention, outboxPrivateTexts, unprovenConcerns,
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

    static let erasureTraces = Migration(version: 45, name: "what an erasure must find", sql: """
        -- The files each inbound message carried, so an erasure finds a person's files even when no record uses them.
        CREATE TABLE inbound_attachments (
            message_id INTEGER NOT NULL REFERENCES inbound_messages(id) ON DELETE CASCADE,
            sha256 TEXT NOT NULL,
            PRIMARY KEY (message_id, sha256)
        );
        CREATE INDEX inbound_attachments_sha256 ON inbound_attachments(sha256);
        -- A claim's history stays append-only, except that an erasure may blank an event's detail (who did what
        -- and when stay).
        DROP TRIGGER expense_events_no_update;
        CREATE TRIGGER expense_events_no_update BEFORE UPDATE ON expense_events
        WHEN NOT (NEW.detail = '[removed]' AND NEW.id = OLD.id AND NEW.claim_id = OLD.claim_id
                  AND NEW.actor_id IS OLD.actor_id AND NEW.kind = OLD.kind AND NEW.created_at = OLD.created_at)
        BEGIN SELECT RAISE(ABORT, 'expense events are append-only (an erasure may only blank a detail)'); END;
        """)

    static let inboundRetention = Migration(version: 46, name: "inbound texts kept only briefly", sql: """
        -- A message's text is needed only while it is processed: after `inbound.retention_minutes` it is dropped
        -- (the row stays, for de-duplication and counting); this finds the rows that still hold one.
        CREATE INDEX inbound_with_body ON inbound_messages(received_at) WHERE body != '';
        """)

    static let outboxPrivateTexts = Migration(version: 47, name: "outbox: private texts dropped once sent", sql: """
        -- 1: the row answers or carries a message whose text is not kept (a concern, bank details): its body is
        -- emptied once it is delivered (a dead row keeps it, so it can still be retried).
        ALTER TABLE outbox ADD COLUMN drop_when_sent INTEGER NOT NULL DEFAULT 0;
        """)

    static let unprovenConcerns = Migration(version: 48, name: "concerns raised without proof of who sent them", sql: """
        -- 1: the message that raised the concern came without proof of who sent it (an email with neither a reply
        -- token nor a passing DMARC result from the trusted server). A concern is never held back for that, but its
        -- lead is told: anyone can put a name in a From header.
        ALTER TABLE concerns ADD COLUMN unproven INTEGER NOT NULL DEFAULT 0;
        """)
}

import Foundation

/// "my data" and "forget me": everything stored about one participant, requests to erase it, and the erasure itself.
public struct ErasureRepository {
    /// A request to erase a participant's personal data, confirmed by a coordinator of the programme.
    public struct Request: Sendable, Hashable {
        public let id: Int64
        public let participantID: Int64
        public let programmeID: Int64
        /// `pending` or `done`.
        public let status: String
    }

    /// What is stored about one participant, for "my data". Only rows they are the subject or author of. Codes
    /// (channels, roles, statuses, option ids) stay codes: "my data" says them in the person's language.
    public struct PersonalData: Sendable, Hashable {
        /// An address on a channel (`email`, `matrix`, `console`).
        public struct Address: Sendable, Hashable {
            public let channel: String
            public let address: String
        }

        /// An enrolment: the programme, the role id, the pair's label, the supervisor's email, guardian consent.
        public struct Enrolment: Sendable, Hashable {
            public let programme: String
            public let role: String
            public let pair: String?
            public let supervisor: String?
            public let guardianConsent: Bool
        }

        /// A log entry as the participant logged it.
        public struct Logged: Sendable, Hashable {
            public let date: String
            public let start: String?
            public let minutes: Int
            public let topics: String
            public let nextSteps: String?
        }

        /// An agenda the participant saved: its revision, the frequency's option id, topics and notes.
        public struct Agenda: Sendable, Hashable {
            public let revision: Int
            public let frequency: String
            public let topics: String
            public let notes: String?
        }

        /// A submitted document: its id in the template, when, and the file name or the written answers.
        public struct Document: Sendable, Hashable {
            public let document: String
            public let submittedOn: String
            public let content: String
        }

        /// A numbered record and its status code (a claim, an erasure request).
        public struct Numbered: Sendable, Hashable {
            public let id: Int64
            public let status: String
        }

        public var name = ""
        public var language = ""
        public var timeZone = ""
        public var addresses: [Address] = []
        public var enrolments: [Enrolment] = []
        public var logEntries: [Logged] = []
        public var agendas: [Agenda] = []
        public var groundRules: [String] = []
        public var planRows: [String] = []
        public var documents: [Document] = []
        public var feedback: [String] = []
        public var evaluations: [String] = []
        public var transferability: [String] = []
        /// Number and status only.
        public var claims: [Numbered] = []
        public var ibanMasked: String?
        public var conversations = 0
        public var messages = 0
        public var concernsRaised = 0
        public var erasureRequests: [Numbered] = []
    }

    let connection: Connection

    public init(_ connection: Connection) { self.connection = connection }

    // MARK: - Requests

    /// The participant's pending request in the programme, or a new one; `created` is false if one was pending.
    public func request(participantID: Int64, programmeID: Int64, now: Int64) throws -> (id: Int64, created: Bool) {
        if let pending = try connection.query("""
            SELECT id FROM erasure_requests WHERE participant_id = ? AND programme_id = ? AND status = 'pending'
            """, [participantID, programmeID]).first {
            return (pending.int64("id"), false)
        }
        try connection.run("""
            INSERT INTO erasure_requests (participant_id, programme_id, requested_at) VALUES (?, ?, ?)
            """, [participantID, programmeID, now])
        return (connection.lastInsertRowID, true)
    }

    public func request(id: Int64) throws -> Request? {
        try connection.query(
            "SELECT id, participant_id, programme_id, status FROM erasure_requests WHERE id = ?", [id]
        ).first.map { row in
            Request(id: row.int64("id"), participantID: row.int64("participant_id"),
                    programmeID: row.int64("programme_id"), status: row.string("status"))
        }
    }

    // MARK: - My data

    /// Everything stored about the participant (not about anyone else).
    public func personalData(participantID id: Int64) throws -> PersonalData {
        var data = PersonalData()
        if let person = try connection.query(
            "SELECT name, language, time_zone FROM participants WHERE id = ?", [id]).first {
            data.name = person.string("name")
            data.language = person.string("language")
            data.timeZone = person.string("time_zone")
        }
        data.addresses = try connection.query(
            "SELECT channel, address FROM addresses WHERE participant_id = ? ORDER BY channel, address", [id]
        ).map { PersonalData.Address(channel: $0.string("channel"), address: $0.string("address")) }
        data.enrolments = try connection.query("""
            SELECT p.name, e.role, pr.label, e.supervisor_email, e.guardian_consent
            FROM enrolments AS e JOIN programmes AS p ON p.id = e.programme_id LEFT JOIN pairs AS pr ON pr.id = e.pair_id
            WHERE e.participant_id = ? ORDER BY e.id
            """, [id]).map { row in
            PersonalData.Enrolment(
                programme: row.string("name"), role: row.string("role"), pair: row.optionalString("label"),
                supervisor: row.optionalString("supervisor_email"), guardianConsent: row.bool("guardian_consent"))
        }
        data.logEntries = try connection.query("""
            SELECT meeting_date, start_time, duration_minutes, topics, next_steps FROM log_entries
            WHERE participant_id = ? ORDER BY meeting_date, id
            """, [id]).map { row in
            PersonalData.Logged(
                date: row.string("meeting_date"), start: row.optionalString("start_time"),
                minutes: row.int("duration_minutes"), topics: Self.plain(row.string("topics")),
                nextSteps: row.optionalString("next_steps").flatMap { $0.isEmpty ? nil : $0 })
        }
        data.agendas = try connection.query(
            "SELECT revision, frequency, topics, notes FROM agendas WHERE author_id = ? ORDER BY id", [id]
        ).map { row in
            PersonalData.Agenda(
                revision: row.int("revision"), frequency: row.string("frequency"),
                topics: Self.plain(row.string("topics")), notes: row.optionalString("notes"))
        }
        data.groundRules = try connection.query("""
            SELECT revision, how_often, where_when, absence, problems FROM ground_rules WHERE proposed_by = ? ORDER BY id
            """, [id]).map { row in
            "v\(row.int("revision")): \(row.string("how_often")); \(row.string("where_when")); "
                + "\(row.string("absence")); \(row.string("problems"))"
        }
        data.planRows = try connection.query("""
            SELECT row_number, revision, objective, action_steps, mentor_support, time_frame, resources, evidence
            FROM plan_rows WHERE author_id = ? ORDER BY id
            """, [id]).map { row in
            "\(row.int("row_number")) v\(row.int("revision")): \(row.string("objective")); \(row.string("action_steps")); "
                + "\(row.string("mentor_support")); \(row.string("time_frame")); \(row.string("resources")); "
                + row.string("evidence")
        }
        data.documents = try connection.query("""
            SELECT document, filename, answers, submitted_on FROM documents WHERE participant_id = ? ORDER BY id
            """, [id]).map { row in
            PersonalData.Document(
                document: row.string("document"), submittedOn: row.string("submitted_on"),
                content: row.optionalString("filename") ?? row.optionalString("answers") ?? "")
        }
        data.feedback = try connection.query(
            "SELECT usefulness, comment FROM session_feedback WHERE participant_id = ? ORDER BY id", [id]
        ).map { "\($0.int("usefulness"))/5: \($0.string("comment"))" }
        data.evaluations = try connection.query(
            "SELECT open_points, gained, feedback FROM evaluations WHERE participant_id = ? ORDER BY id", [id]
        ).map { "\($0.string("open_points")); \($0.string("gained")); \($0.string("feedback"))" }
        data.transferability = try connection.query("""
            SELECT measure, rating FROM transferability_assessments WHERE participant_id = ? ORDER BY id
            """, [id]).map { "\($0.string("measure")): \($0.int("rating"))/3" }
        data.claims = try connection.query(
            "SELECT id, status FROM expense_claims WHERE participant_id = ? ORDER BY id", [id]
        ).map { PersonalData.Numbered(id: $0.int64("id"), status: $0.string("status")) }
        data.ibanMasked = try connection.query(
            "SELECT iban_masked FROM bank_details WHERE participant_id = ?", [id]).first?.string("iban_masked")
        data.conversations = try count("SELECT COUNT(*) AS n FROM conversations WHERE participant_id = ?", id)
        data.messages = try count("""
            SELECT COUNT(*) AS n FROM inbound_messages
            WHERE conversation_id IN (SELECT id FROM conversations WHERE participant_id = ?)
            """, id)
        data.concernsRaised = try count("SELECT COUNT(*) AS n FROM concerns WHERE raised_by = ?", id)
        data.erasureRequests = try connection.query(
            "SELECT id, status FROM erasure_requests WHERE participant_id = ? ORDER BY id", [id]
        ).map { PersonalData.Numbered(id: $0.int64("id"), status: $0.string("status")) }
        return data
    }

    /// A JSON list of strings (topics) as "a, b"; other text as it is.
    private static func plain(_ text: String) -> String {
        guard text.hasPrefix("["), let items = try? JSONDecoder().decode([String].self, from: Data(text.utf8)) else {
            return text
        }
        return items.joined(separator: ", ")
    }

    private func count(_ sql: String, _ id: Int64) throws -> Int {
        try connection.query(sql, [id]).first?.int("n") ?? 0
    }

    // MARK: - Erasure

    /// Removes or anonymises the participant's personal data and marks their pending requests done: the name
    /// becomes "removed", addresses, conversations and bank details are deleted, message bodies and every free-text
    /// field they wrote are blanked, files sent to them deleted. What counts stays: enrolments (role, pair), log
    /// entries (date and duration), ratings, claims (amounts and status, for the accounts). Safeguarding concerns
    /// are kept for the lead.
    public func erase(participantID id: Int64, decidedBy: Int64, now: Int64) throws {
        let addresses = try connection.query(
            "SELECT channel, address FROM addresses WHERE participant_id = ?", [id]
        ).map { ($0.string("channel"), $0.string("address")) }
        try connection.run("""
            UPDATE inbound_messages SET body = '', sender = 'removed'
            WHERE conversation_id IN (SELECT id FROM conversations WHERE participant_id = ?)
            """, [id])
        for (channel, address) in addresses {
            try connection.run(
                "UPDATE inbound_messages SET body = '', sender = 'removed' WHERE channel = ? AND sender = ?",
                [channel, address])
            try connection.run("DELETE FROM outbox WHERE channel = ? AND address = ? AND status = 'queued'",
                               [channel, address])
            try connection.run("UPDATE outbox SET body = '', address = 'removed' WHERE channel = ? AND address = ?",
                               [channel, address])
            try connection.run("DELETE FROM email_outgoing WHERE address = ?", [address])
            try connection.run("UPDATE email_inbound SET sender = 'removed' WHERE sender = ?", [address])
            try connection.run("DELETE FROM email_bounces WHERE address = ?", [address])
            try connection.run("UPDATE matrix_rooms SET invited_by = 'removed' WHERE invited_by = ?", [address])
            try connection.run("DELETE FROM matrix_members WHERE user_id = ?", [address])
            try connection.run("UPDATE matrix_rooms SET dm_user = NULL WHERE dm_user = ?", [address])
        }
        try connection.run("""
            UPDATE outbox SET body = '', address = 'removed'
            WHERE conversation_id IN (SELECT id FROM conversations WHERE participant_id = ?)
            """, [id])
        try connection.run(
            "DELETE FROM outbox_attachments WHERE outbox_id IN (SELECT id FROM outbox WHERE address = 'removed')")
        try connection.run("DELETE FROM conversations WHERE participant_id = ?", [id])
        try connection.run("DELETE FROM addresses WHERE participant_id = ?", [id])
        try connection.run("UPDATE participants SET name = 'removed' WHERE id = ?", [id])
        try connection.run("UPDATE enrolments SET supervisor_email = NULL WHERE participant_id = ?", [id])
        try connection.run("""
            UPDATE log_entries SET topics = '[]', next_steps = NULL, start_time = NULL WHERE participant_id = ?
            """, [id])
        try connection.run("UPDATE agendas SET topics = '[]', notes = NULL WHERE author_id = ?", [id])
        try connection.run("""
            UPDATE ground_rules SET how_often = '', where_when = '', absence = '', problems = '' WHERE proposed_by = ?
            """, [id])
        try connection.run("""
            UPDATE plan_rows SET objective = '', action_steps = '', mentor_support = '', time_frame = '',
                resources = NULL, evidence = '' WHERE author_id = ?
            """, [id])
        // Uploaded document files nobody else's record (another document, a receipt) still points to.
        try connection.run("""
            DELETE FROM attachments WHERE sha256 IN (SELECT attachment_sha256 FROM documents WHERE participant_id = ?)
              AND sha256 NOT IN (SELECT attachment_sha256 FROM documents
                                 WHERE participant_id != ? AND attachment_sha256 IS NOT NULL)
              AND sha256 NOT IN (SELECT sha256 FROM expense_receipts)
            """, [id, id])
        try connection.run("""
            UPDATE documents SET filename = NULL, answers = CASE WHEN answers IS NULL THEN NULL ELSE '' END
            WHERE participant_id = ?
            """, [id])
        try connection.run("UPDATE session_feedback SET comment = '' WHERE participant_id = ?", [id])
        try connection.run(
            "UPDATE evaluations SET open_points = '', gained = '', feedback = '' WHERE participant_id = ?", [id])
        try connection.run("""
            UPDATE transferability_assessments SET measure = '', period = '', technical_conditions = '', governance = '',
                regulatory_framework = '', other_factors = NULL WHERE participant_id = ?
            """, [id])
        try connection.run("""
            UPDATE expense_claims SET description = '', no_receipt_reason = CASE WHEN no_receipt_reason IS NULL
                THEN NULL ELSE '' END WHERE participant_id = ?
            """, [id])
        try connection.run("DELETE FROM bank_details WHERE participant_id = ?", [id])
        try connection.run("UPDATE broadcasts SET body = '' WHERE author_id = ? AND body IS NOT NULL", [id])
        try connection.run("""
            UPDATE erasure_requests SET status = 'done', decided_by = ?, decided_at = ?
            WHERE participant_id = ? AND status = 'pending'
            """, [decidedBy, now, id])
    }
}

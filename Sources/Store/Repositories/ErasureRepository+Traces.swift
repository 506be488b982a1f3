import Foundation

/// The traces of a person an erasure must also find: copies of their name and words in messages to others and in
/// the files sent with them, claim history, their open claims, and their files — also files no record uses.
extension ErasureRepository {
    /// What replaces a person's words in what others keep.
    static let removed = "[removed]"
    /// Free texts shorter than this are not looked for elsewhere ("ok", "yes" are everyone's words); names are.
    static let shortestText = 4

    /// The person's name, addresses and every free text of theirs, longest first, read before anything is blanked.
    func personalStrings(participantID id: Int64) throws -> [String] {
        var texts: [String] = []
        func add(_ sql: String, _ columns: [String]) throws {
            for row in try connection.query(sql, [id]) {
                for column in columns {
                    guard let value = row.optionalString(column), !value.isEmpty else { continue }
                    texts += Self.items(value)
                }
            }
        }
        try add("SELECT body FROM inbound_messages WHERE conversation_id IN "
                + "(SELECT id FROM conversations WHERE participant_id = ?)", ["body"])
        try add("SELECT topics, next_steps FROM log_entries WHERE participant_id = ?", ["topics", "next_steps"])
        try add("SELECT topics, notes FROM agendas WHERE author_id = ?", ["topics", "notes"])
        try add("SELECT how_often, where_when, absence, problems FROM ground_rules WHERE proposed_by = ?",
                ["how_often", "where_when", "absence", "problems"])
        try add("""
            SELECT objective, action_steps, mentor_support, time_frame, resources, evidence FROM plan_rows
            WHERE author_id = ?
            """, ["objective", "action_steps", "mentor_support", "time_frame", "resources", "evidence"])
        try add("SELECT filename, answers FROM documents WHERE participant_id = ?", ["filename", "answers"])
        try add("SELECT comment FROM session_feedback WHERE participant_id = ?", ["comment"])
        try add("SELECT open_points, gained, feedback FROM evaluations WHERE participant_id = ?",
                ["open_points", "gained", "feedback"])
        try add("""
            SELECT measure, period, technical_conditions, governance, regulatory_framework, other_factors
            FROM transferability_assessments WHERE participant_id = ?
            """, ["measure", "period", "technical_conditions", "governance", "regulatory_framework", "other_factors"])
        try add("SELECT description, no_receipt_reason FROM expense_claims WHERE participant_id = ?",
                ["description", "no_receipt_reason"])
        try add("SELECT body FROM broadcasts WHERE author_id = ?", ["body"])
        try add("SELECT filename FROM attachments WHERE sha256 IN (\(Self.theirFiles))", ["filename"])
        let names = try connection.query("SELECT name FROM participants WHERE id = ?", [id]).map { $0.string("name") }
            + connection.query("SELECT address FROM addresses WHERE participant_id = ?", [id])
                .map { $0.string("address") }
        var seen: Set<String> = []
        let all = names.filter { $0.count >= 2 } + texts.filter { $0.count >= Self.shortestText }
        return all.filter { seen.insert($0.lowercased()).inserted }.sorted { $0.count > $1.count }
    }

    /// Replaces the person's strings in every message sent or queued to anyone (and in email subjects), and drops
    /// the files sent with messages that contain them (a calendar file or a report naming them).
    func anonymiseCopies(of strings: [String]) throws {
        for string in strings {
            for row in try connection.query(
                "SELECT id, body FROM outbox WHERE instr(body, ?1) > 0 OR instr(lower(body), lower(?1)) > 0", [string])
            {
                try connection.run("UPDATE outbox SET body = ? WHERE id = ?",
                                   [Self.redact(row.string("body"), [string]), row.int64("id")])
            }
            for row in try connection.query("""
                SELECT outbox_id, subject FROM email_outgoing
                WHERE instr(subject, ?1) > 0 OR instr(lower(subject), lower(?1)) > 0
                """, [string]) {
                try connection.run("UPDATE email_outgoing SET subject = ? WHERE outbox_id = ?",
                                   [Self.redact(row.string("subject"), [string]), row.int64("outbox_id")])
            }
            try connection.run("DELETE FROM outbox_attachments WHERE instr(bytes, CAST(? AS BLOB)) > 0", [string])
        }
    }

    /// Blanks the detail of every claim event the person wrote, and of any event that quotes them.
    func blankClaimHistory(participantID id: Int64, strings: [String]) throws {
        try connection.run("""
            UPDATE expense_events SET detail = '\(Self.removed)'
            WHERE actor_id = ? AND detail NOT IN ('', '\(Self.removed)')
            """, [id])
        for string in strings {
            try connection.run("""
                UPDATE expense_events SET detail = '\(Self.removed)'
                WHERE detail != '\(Self.removed)' AND (instr(detail, ?1) > 0 OR instr(lower(detail), lower(?1)) > 0)
                """, [string])
        }
    }

    /// Closes the person's claims still in the works (draft, submitted, waiting for an item) with an event that
    /// says why, for the finance coordinator; returns their numbers.
    func closeOpenClaims(participantID id: Int64, requestID: Int64?, now: Int64) throws -> [Int64] {
        let open = try connection.query("""
            SELECT id FROM expense_claims WHERE participant_id = ? AND status IN ('draft', 'submitted', 'needs_info')
            ORDER BY id
            """, [id]).map { $0.int64("id") }
        let reason = "closed: the claimant's personal data was erased"
            + (requestID.map { " (erasure request \($0))" } ?? "")
        for claim in open {
            try connection.run(
                "UPDATE expense_claims SET status = 'dropped', updated_at = ? WHERE id = ?", [now, claim])
            try connection.run("""
                INSERT INTO expense_events (claim_id, actor_id, kind, detail, created_at)
                VALUES (?, NULL, 'erased', ?, ?)
                """, [claim, reason, now])
        }
        return open
    }

    /// Deletes the person's files — documents, files their messages carried even if no record uses them, receipts
    /// of claims that were not approved or paid — unless someone else's record uses the same file. The receipts of
    /// approved and paid claims stay for the accounts, under a name that says nothing ("receipt.pdf").
    func removeFiles(participantID id: Int64) throws {
        for kept in try connection.query("""
            SELECT sha256, filename FROM attachments
            WHERE sha256 IN (SELECT r.sha256 FROM expense_receipts AS r JOIN expense_claims AS c ON c.id = r.claim_id
                             WHERE c.participant_id = ? AND c.status IN ('approved', 'paid'))
            """, [id]) {
            let suffix = (kept.string("filename") as NSString).pathExtension
            try connection.run("UPDATE attachments SET filename = ? WHERE sha256 = ?",
                               [suffix.isEmpty ? "receipt" : "receipt.\(suffix)", kept.string("sha256")])
        }
        try connection.run("""
            DELETE FROM attachments WHERE sha256 IN (\(Self.theirFiles))
              AND sha256 NOT IN (SELECT attachment_sha256 FROM documents
                                 WHERE participant_id != ?1 AND attachment_sha256 IS NOT NULL)
              AND sha256 NOT IN (SELECT r.sha256 FROM expense_receipts AS r
                                 JOIN expense_claims AS c ON c.id = r.claim_id
                                 WHERE c.participant_id != ?1 OR c.status IN ('approved', 'paid'))
            """, [id])
        try connection.run("""
            DELETE FROM inbound_attachments WHERE message_id IN (SELECT id FROM inbound_messages
                WHERE conversation_id IN (SELECT id FROM conversations WHERE participant_id = ?1))
            """, [id])
    }

    /// The SHA-256 of every file of person `?1`: their documents, their claims' receipts, their messages' files.
    private static let theirFiles = """
        SELECT attachment_sha256 FROM documents WHERE participant_id = ?1 AND attachment_sha256 IS NOT NULL
        UNION SELECT r.sha256 FROM expense_receipts AS r JOIN expense_claims AS c ON c.id = r.claim_id
              WHERE c.participant_id = ?1
        UNION SELECT a.sha256 FROM inbound_attachments AS a JOIN inbound_messages AS m ON m.id = a.message_id
              WHERE m.conversation_id IN (SELECT id FROM conversations WHERE participant_id = ?1)
        """

    /// A stored text as the strings to look for: the items of a JSON list (topics), else the text itself.
    static func items(_ value: String) -> [String] {
        guard value.hasPrefix("["), let list = try? JSONDecoder().decode([String].self, from: Data(value.utf8)) else {
            return [value]
        }
        return list
    }

    /// `text` with every occurrence of each string (any case, not inside a longer word) replaced by `removed`.
    static func redact(_ text: String, _ strings: [String]) -> String {
        let inWord = { (character: Character?) in character.map { $0.isLetter || $0.isNumber } ?? false }
        var result = text
        for string in strings where !string.isEmpty {
            var output = ""
            var rest = result[...]
            while let found = rest.range(of: string, options: .caseInsensitive) {
                let before = found.lowerBound == rest.startIndex
                    ? output.last : rest[rest.index(before: found.lowerBound)]
                let after = found.upperBound == rest.endIndex ? nil : rest[found.upperBound]
                if inWord(before) || inWord(after) {
                    let next = rest.index(after: found.lowerBound)
                    output += rest[..<next]
                    rest = rest[next...]
                } else {
                    output += rest[..<found.lowerBound] + removed
                    rest = rest[found.upperBound...]
                }
            }
            result = output + rest
        }
        return result
    }
}

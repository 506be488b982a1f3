import Engine

/// Expense claims, their receipts and their append-only history.
public struct ExpenseRepository {
    let connection: Connection

    public init(_ connection: Connection) { self.connection = connection }

    // MARK: - Writing

    /// Stores a new claim with its receipts and a first event; returns the claim number.
    @discardableResult
    public func insert(_ claim: ExpenseClaim, actorID: Int64?, sourceMessageID: Int64?, now: Int64) throws -> Int64 {
        try connection.run(
            """
            INSERT INTO expense_claims
                (programme_id, participant_id, role, category, expense_date, description, meeting_date, log_entry_id,
                 amount_minor, currency, converted_minor, converted_currency, rate_per_eur, rate_date,
                 no_receipt_reason, flags, status, source_message_id, created_at, updated_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """,
            [
                claim.programmeID, claim.participantID, claim.role, claim.category, claim.expenseDate.iso,
                claim.description, claim.meetingDate?.iso, claim.logEntryID, claim.amount.minorUnits,
                claim.amount.currency, claim.converted.minorUnits, claim.converted.currency, claim.ratePerEUR,
                claim.rateDate?.iso, claim.noReceiptReason, Self.text(claim.flags), claim.status.rawValue,
                sourceMessageID, now, now,
            ])
        let id = connection.lastInsertRowID
        try addReceipts(claim.receipts, to: id)
        try record(
            claimID: id, actorID: actorID, kind: claim.status == .draft ? "drafted" : claim.status.rawValue,
            detail: "", now: now)
        return id
    }

    /// Adds files to a claim (files it already has are kept once).
    public func addReceipts(_ files: [AttachmentRef], to claimID: Int64) throws {
        let first =
            try connection.query(
                "SELECT COALESCE(MAX(position), 0) AS n FROM expense_receipts WHERE claim_id = ?", [claimID]
            ).first?.int("n") ?? 0
        for (offset, file) in files.enumerated() {
            try connection.run(
                "INSERT INTO expense_receipts (claim_id, sha256, position) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
                [claimID, file.id, first + offset + 1])
        }
    }

    /// Moves a claim to `status` (with its new flags and reason) and records the event, in one step.
    public func update(
        _ claim: ExpenseClaim, actorID: Int64?, kind: String, detail: String, decided: Bool = false, now: Int64
    ) throws {
        try connection.run(
            """
            UPDATE expense_claims SET status = ?, flags = ?, no_receipt_reason = ?,
                decided_at = CASE WHEN ? THEN ? ELSE decided_at END, updated_at = ?
            WHERE id = ?
            """, [claim.status.rawValue, Self.text(claim.flags), claim.noReceiptReason, decided, now, now, claim.id])
        try record(claimID: claim.id, actorID: actorID, kind: kind, detail: detail, now: now)
    }

    /// Appends an event to a claim's history.
    public func record(claimID: Int64, actorID: Int64?, kind: String, detail: String, now: Int64) throws {
        try connection.run(
            "INSERT INTO expense_events (claim_id, actor_id, kind, detail, created_at) VALUES (?, ?, ?, ?, ?)",
            [claimID, actorID, kind, detail, now])
    }

    // MARK: - Reading

    public func claim(id: Int64) throws -> ExpenseClaim? {
        try claims(where: "c.id = ?", [id]).first
    }

    /// A participant's claims in a programme, newest first.
    public func claims(participantID: Int64, programmeID: Int64) throws -> [ExpenseClaim] {
        try claims(
            where: "c.participant_id = ? AND c.programme_id = ? ORDER BY c.id DESC", [participantID, programmeID])
    }

    /// A programme's claims in the given statuses, oldest first.
    public func claims(programmeID: Int64, statuses: [ExpenseStatus]) throws -> [ExpenseClaim] {
        let marks = statuses.map { _ in "?" }.joined(separator: ", ")
        return try claims(
            where: "c.programme_id = ? AND c.status IN (\(marks)) ORDER BY c.id",
            [programmeID] + statuses.map(\.rawValue))
    }

    /// Live claims (not dropped) that include the file with this SHA-256.
    public func claims(withReceipt sha256: String) throws -> [ExpenseClaim] {
        try claims(
            where: """
                c.status <> 'dropped' AND c.id IN (SELECT claim_id FROM expense_receipts WHERE sha256 = ?)
                ORDER BY c.id
                """,
            [sha256])
    }

    /// What a participant has claimed per category in a programme (minor units of the converted currency),
    /// counting only claims that may still be paid or were.
    public func claimedTotals(participantID: Int64, programmeID: Int64, role: String, excluding claimID: Int64 = 0)
        throws -> [String: Int64]
    {
        let counted = ExpenseStatus.counted.map(\.rawValue)
        let rows = try connection.query(
            """
            SELECT category, SUM(converted_minor) AS total FROM expense_claims
            WHERE participant_id = ? AND programme_id = ? AND role = ? AND id <> ? AND status IN (?, ?, ?, ?)
            GROUP BY category
            """, [participantID, programmeID, role, claimID] + counted)
        return Dictionary(uniqueKeysWithValues: rows.map { ($0.string("category"), $0.int64("total")) })
    }

    /// A programme's claims the finance coordinator still owes something — sent and waiting for a decision, or
    /// approved and not yet paid — with when each was first sent (epoch milliseconds), oldest first.
    public func waitingForCoordinator(programmeID: Int64) throws -> [(claim: ExpenseClaim, sentAt: Int64)] {
        let sent = try connection.query(
            """
            SELECT c.id, MIN(e.created_at) AS sent_at FROM expense_claims AS c
            JOIN expense_events AS e ON e.claim_id = c.id AND e.kind = 'submitted'
            WHERE c.programme_id = ? AND c.status IN ('submitted', 'approved') GROUP BY c.id ORDER BY c.id
            """, [programmeID])
        return try sent.compactMap { row in try claim(id: row.int64("id")).map { ($0, row.int64("sent_at")) } }
    }

    /// A claim's history, oldest first.
    public func events(claimID: Int64) throws -> [ExpenseEvent] {
        try connection.query(
            """
            SELECT id, claim_id, actor_id, kind, detail, created_at FROM expense_events WHERE claim_id = ? ORDER BY id
            """,
            [claimID]
        ).map { row in
            ExpenseEvent(
                id: row.int64("id"), claimID: row.int64("claim_id"),
                actorID: row.optionalInt("actor_id").map(Int64.init),
                kind: row.string("kind"), detail: row.string("detail"), createdAt: row.int64("created_at"))
        }
    }

    /// The stored file with this SHA-256 (name, checked media type, size), without its bytes; nil if not stored.
    public func storedFile(sha256: String) throws -> AttachmentRef? {
        try connection.query("SELECT filename, media_type, size FROM attachments WHERE sha256 = ?", [sha256]).first
            .map {
                AttachmentRef(
                    id: sha256, filename: $0.string("filename"), mediaType: $0.string("media_type"),
                    size: $0.int("size"))
            }
    }

    // MARK: - Rows

    private func claims(where condition: String, _ arguments: [any SQLBindable]) throws -> [ExpenseClaim] {
        let rows = try connection.query(
            """
            SELECT c.id, c.programme_id, c.participant_id, c.role, c.category, c.expense_date, c.description,
                   c.meeting_date, c.log_entry_id, c.amount_minor, c.currency, c.converted_minor, c.converted_currency,
                   c.rate_per_eur, c.rate_date, c.no_receipt_reason, c.flags, c.status, c.decided_at, c.created_at
            FROM expense_claims AS c WHERE \(condition)
            """, arguments)
        return try rows.compactMap { row in
            guard let date = CalendarDate(iso: row.string("expense_date")),
                let status = ExpenseStatus(rawValue: row.string("status"))
            else { return nil }
            let id = row.int64("id")
            return ExpenseClaim(
                id: id, programmeID: row.int64("programme_id"), participantID: row.int64("participant_id"),
                role: row.string("role"), category: row.string("category"), expenseDate: date,
                description: row.string("description"),
                meetingDate: row.optionalString("meeting_date").flatMap(CalendarDate.init(iso:)),
                logEntryID: row.optionalInt("log_entry_id").map(Int64.init),
                amount: Money(minorUnits: row.int64("amount_minor"), currency: row.string("currency")),
                converted: Money(minorUnits: row.int64("converted_minor"), currency: row.string("converted_currency")),
                ratePerEUR: row.optionalString("rate_per_eur"),
                rateDate: row.optionalString("rate_date").flatMap(CalendarDate.init(iso:)),
                noReceiptReason: row.optionalString("no_receipt_reason"),
                flags: Set(row.string("flags").split(separator: ",").compactMap { ExpenseFlag(rawValue: String($0)) }),
                status: status, decidedAt: row.optionalInt("decided_at").map(Int64.init),
                receipts: try receipts(claimID: id), createdAt: row.int64("created_at"))
        }
    }

    private func receipts(claimID: Int64) throws -> [AttachmentRef] {
        try connection.query(
            """
            SELECT r.sha256, COALESCE(a.filename, '') AS filename, COALESCE(a.media_type, '') AS media_type,
                   COALESCE(a.size, 0) AS size
            FROM expense_receipts AS r LEFT JOIN attachments AS a ON a.sha256 = r.sha256
            WHERE r.claim_id = ? ORDER BY r.position
            """, [claimID]
        ).map { row in
            AttachmentRef(
                id: row.string("sha256"), filename: row.string("filename"),
                mediaType: row.string("media_type"), size: row.int("size"))
        }
    }

    private static func text(_ flags: Set<ExpenseFlag>) -> String {
        flags.map(\.rawValue).sorted().joined(separator: ",")
    }
}

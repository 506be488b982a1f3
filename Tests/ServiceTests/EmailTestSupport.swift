import Channels
import Engine
import Foundation
import Programme
import Service
import Store

/// A real SQLite file with the shipped dialogs and a staff_peers programme: Ana (mentee, ana@example.org) and
/// Ben (mentor, ben@example.org) in pair p1. The clock stands at 2026-03-14 10:00 UTC.
struct EmailTestSupport {
    static let now: Int64 = 1_773_482_400_000
    let pipeline: Pipeline
    let ingest: EmailIngest

    init(now: Int64 = Self.now) throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("tandem-email-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let runner = try TranscriptTests.runner()
        pipeline = Pipeline(
            database: try Database(path: folder.appendingPathComponent("t.sqlite").path),
            engine: Engine(catalog: runner.catalog), templates: runner.templates, clock: Clock { now })
        let rows = try EnrolmentCSV.parse(
            "name,role,pair,email\nAna,mentee,p1,ana@example.org\nBen,mentor,p1,ben@example.org\n",
            languages: ["en"], roles: Set(Role.allCases)).get()
        try pipeline.database.write { connection in
            let importer = EnrolmentImporter(connection, templates: runner.templates)
            let (programme, _) = try importer.programme(
                .init(name: "P", template: "staff_peers", startDate: CalendarDate(iso: "2026-03-02")), now: 0)
            _ = try importer.apply(rows, to: programme, now: 0)
        }
        ingest = EmailIngest(pipeline: pipeline, identity: EmailIdentity(from: "Tandem <tandem@example.org>"))
    }

    /// A raw RFC 5322 message (CRLF line ends).
    static func email(
        from: String = "Ana <ana@example.org>", to: String = "tandem@example.org", id: String, subject: String = "Hi",
        inReplyTo: String? = nil, extraHeaders: [String] = [], body: String
    ) -> [UInt8] {
        var headers = ["From: \(from)", "To: \(to)", "Subject: \(subject)", "Date: Sat, 14 Mar 2026 09:59:00 +0000",
                       "Message-ID: <\(id)>", "MIME-Version: 1.0"]
        if let inReplyTo { headers += ["In-Reply-To: <\(inReplyTo)>", "References: <\(inReplyTo)>"] }
        headers += extraHeaders
        if !headers.contains(where: { $0.lowercased().hasPrefix("content-type:") }) {
            headers.append("Content-Type: text/plain; charset=utf-8")
        }
        return Array((headers.joined(separator: "\r\n") + "\r\n\r\n" + body.replacing("\n", with: "\r\n")).utf8)
    }

    func count(_ sql: String, _ arguments: [any SQLBindable] = []) throws -> Int {
        try pipeline.database.read { try $0.query(sql, arguments).first?.int("n") ?? -1 }
    }

    /// Queued email rows (to `address`, or to anyone), oldest first: (outbox id, address, body).
    func queued(to address: String? = nil) throws -> [(id: Int64, address: String, body: String)] {
        try pipeline.database.read { connection in
            try connection.query("""
                SELECT id, address, body FROM outbox
                WHERE channel = 'email' AND status = 'queued' AND address = COALESCE(?, address) ORDER BY id
                """, [address]).map { ($0.int64("id"), $0.string("address"), $0.string("body")) }
        }
    }

    /// Marks every queued row sent (as the worker would).
    func markAllSent() throws {
        try pipeline.database.write {
            try $0.run("UPDATE outbox SET status = 'sent', sent_at = ? WHERE status = 'queued'", [Self.now])
        }
    }

    func headers(outboxID: Int64) throws -> EmailOutgoingRecord? {
        try pipeline.database.read { try EmailRepository($0).outgoing(outboxID: outboxID) }
    }
}

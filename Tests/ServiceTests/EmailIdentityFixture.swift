import Channels
import Engine
import Foundation
import Programme
import Service
import Store
import Testing

/// A city_to_city programme on a real SQLite file, reached by email: Ana (mentee) and Marco (mentor) in pair p1 of
/// cohort Sofia, Fran (facilitator of Sofia), Georgi (finance coordinator) and Cora (coordinator), all at
/// example.org. Ana's bank details and one claim (claim 1, submitted) were entered in the terminal. The trusted mail
/// server is `mx.tandem.example`; the clock stands at 2026-03-14 10:00 UTC unless a test moves it.
struct EmailIdentityFixture {
    static let now = EmailTestSupport.now
    static let trustedServer = "mx.tandem.example"
    static let anaIBAN = "BG80BNBG96611020345678"
    static let joinCode = "K7P-2QX"
    let pipeline: Pipeline
    let ingest: EmailIngest
    /// The last outbox row of the set-up (notifications of Ana's claim): `mails(to:)` lists only later ones.
    let setupOutboxID: Int64

    init() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("tandem-ident-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let runner = try TranscriptTests.runner()
        pipeline = Pipeline(
            database: try Database(path: folder.appendingPathComponent("t.sqlite").path),
            engine: Engine(catalog: runner.catalog), templates: runner.templates, clock: Clock { Self.now })
        let rows = try EnrolmentCSV.parse("""
            name,role,pair,cohort,email
            Ana,mentee,p1,Sofia,ana@example.org
            Marco,mentor,p1,Sofia,marco@example.org
            Fran,facilitator,,Sofia,fran@example.org
            Georgi,finance_coordinator,,,georgi@example.org
            Cora,coordinator,,,cora@example.org

            """, languages: ["en"], roles: Set(Role.allCases)).get()
        try pipeline.database.write { connection in
            let importer = EnrolmentImporter(connection, templates: runner.templates)
            let (programme, _) = try importer.programme(
                .init(name: "Exchange", template: "city_to_city", startDate: CalendarDate(iso: "2026-01-05"),
                      joinCode: Self.joinCode), now: 0)
            _ = try importer.apply(rows, to: programme, now: 0)
        }
        let setup = [
            "bank details", "BG80 BNBG 9661 1020 3456 78", "Ana Petrova", "lost receipt", "The machine printed nothing",
            "85,40", "travel", "12 March", "Train to Plovdiv", "skip", "yes",
        ]
        for (index, text) in setup.enumerated() {
            try pipeline.receive(InboundMessage(
                channel: .console, externalID: "setup-\(index)", sender: "ana@example.org", text: text))
        }
        ingest = Self.ingest(pipeline)
        setupOutboxID = try pipeline.database.read { try EmailRepository($0).lastOutboxID() }
    }

    /// The email ingest on `pipeline`, trusting `mx.tandem.example`.
    static func ingest(_ pipeline: Pipeline) -> EmailIngest {
        EmailIngest(
            pipeline: pipeline, identity: EmailIdentity(from: "Tandem <tandem@example.org>"),
            senderPolicy: EmailSenderPolicy(trustedAuthservID: trustedServer))
    }

    /// The same database and dialogs with the clock at `now` (and other limits).
    func later(_ now: Int64, defaults: Pipeline.Defaults = .init()) -> EmailIngest {
        Self.ingest(Pipeline(
            database: pipeline.database, engine: pipeline.engine, templates: pipeline.templates, clock: Clock { now },
            defaults: defaults))
    }

    /// A mail from `from` (an address at example.org) as a forger sends it: no reply token, no trusted verdict.
    @discardableResult
    func send(_ text: String, from: String, id: String = UUID().uuidString, to: String = "tandem@example.org",
              headers: [String] = [], via ingest: EmailIngest? = nil) throws -> EmailIngest.Outcome {
        try (ingest ?? self.ingest).ingest(
            raw: EmailTestSupport.email(from: from, to: to, id: id, extraHeaders: headers, body: text))
    }

    /// A reply to `mail` (by default the newest mail queued to `address`) through its reply address
    /// (`tandem+TOKEN@example.org`).
    @discardableResult
    func reply(
        _ text: String, from address: String, to mail: EmailOutgoingRecord? = nil, via ingest: EmailIngest? = nil
    ) throws -> EmailIngest.Outcome {
        let mail = try #require(try mail ?? newestMail(to: address))
        return try (ingest ?? self.ingest).ingest(raw: EmailTestSupport.email(
            from: address, to: "Tandem <tandem+\(mail.tag)@example.org>", id: UUID().uuidString,
            subject: "Re: \(mail.subject)", inReplyTo: mail.messageID, body: text + "\n\n> quoted"))
    }

    /// The headers of the newest mail queued to `address`.
    func newestMail(to address: String) throws -> EmailOutgoingRecord? {
        try pipeline.database.read { try EmailRepository($0).latestOutgoing(to: address) }
    }

    /// The bodies of the email rows queued to `address` since the set-up, oldest first.
    func mails(to address: String) throws -> [String] {
        try pipeline.database.read {
            try $0.query(
                "SELECT body FROM outbox WHERE channel = 'email' AND address = ? AND id > ? ORDER BY id",
                [address, setupOutboxID]
            ).map { $0.string("body") }
        }
    }

    func value(_ sql: String, _ arguments: [any SQLBindable] = []) throws -> String? {
        try pipeline.database.read { try $0.query(sql, arguments).first?.optionalString("v") }
    }

    /// `Authentication-Results` from the trusted server (or another `server`) with these results.
    static func authenticationResults(_ results: String, server: String = trustedServer) -> String {
        "Authentication-Results: \(server); \(results)"
    }
}

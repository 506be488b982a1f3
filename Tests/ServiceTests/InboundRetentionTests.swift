import Channels
import Engine
import Foundation
import Programme
import Service
import Store
import Synchronization
import Testing

/// A message's text is kept only briefly after it is processed (its id stays, for de-duplication), and never when
/// it answered a secret question (an IBAN) or a concern; an IBAN or concern left unfinished does not stay in the
/// conversation once its flow has expired.
struct InboundRetentionTests {
    let database: Database
    let engine: Engine
    let templates: TemplateCatalog
    let time = Now()

    /// The clock the test moves on (starts 2026-03-14 10:00 UTC).
    final class Now: Sendable {
        private let value = Mutex<Int64>(1_773_482_400_000)
        func withLock<T: Sendable>(_ body: (inout Int64) -> T) -> T { value.withLock { body(&$0) } }
    }

    init() throws {
        let folder = FileManager.default.temporaryDirectory
            .appendingPathComponent("tandem-retention-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let runner = try TranscriptTests.runner()
        engine = Engine(catalog: runner.catalog)
        templates = runner.templates
        database = try Database(path: folder.appendingPathComponent("t.sqlite").path)
        let rows = try EnrolmentCSV.parse(
            "name,role,pair,email\nAna,mentee,p1,ana@example.org\nBen,mentor,p1,ben@example.org\n"
                + "Lea,safeguarding_lead,,lea@example.org\n",
            languages: ["en"], roles: Set(Role.allCases)).get()
        let templates = templates
        try database.write { connection in
            let importer = EnrolmentImporter(connection, templates: templates)
            let (programme, _) = try importer.programme(
                .init(name: "P", template: "city_to_city", startDate: CalendarDate(iso: "2026-03-02")), now: 0)
            _ = try importer.apply(rows, to: programme, now: 0)
        }
    }

    func pipeline(retention: Int = 60) -> Pipeline {
        let time = time
        return Pipeline(
            database: database, engine: engine, templates: templates, clock: Clock { time.withLock { $0 } },
            defaults: .init(retentionMinutes: retention))
    }

    func say(_ texts: String..., retention: Int = 60) throws {
        let pipeline = pipeline(retention: retention)
        for text in texts {
            let id = try database.read {
                try $0.query("SELECT COUNT(*) AS n FROM inbound_messages").first?.int("n")
            } ?? 0
            try pipeline.receive(InboundMessage(
                channel: .console, externalID: "m\(id)", sender: "ana@example.org", text: text))
        }
    }

    func bodies() throws -> [String] {
        try database.read { try $0.query("SELECT body FROM inbound_messages ORDER BY id").map { $0.string("body") } }
    }

    func scheduler(retention: Int = 60) -> Scheduler {
        let time = time
        return Scheduler(
            database: database, templates: templates, engine: engine, clock: Clock { time.withLock { $0 } },
            retentionMinutes: retention)
    }

    @Test func anOrdinaryMessageIsKeptUntilTheRetentionPassesThenOnlyItsIdStays() throws {
        try say("what's next")
        #expect(try bodies() == ["what's next"])
        time.withLock { $0 += 59 * 60_000 }
        try scheduler().runDue(now: time.withLock { $0 })
        #expect(try bodies() == ["what's next"])
        time.withLock { $0 += 2 * 60_000 }
        try scheduler().runDue(now: time.withLock { $0 })
        #expect(try bodies() == [""])
        // The id still de-duplicates a redelivery.
        #expect(try pipeline().receive(InboundMessage(
            channel: .console, externalID: "m0", sender: "ana@example.org", text: "what's next")) == .duplicate)
    }

    @Test func withRetentionZeroNoTextIsEverStored() throws {
        try say("log yesterday 45 min topics: goals", "skip", retention: 0)
        #expect(try bodies() == ["", ""])
        #expect(try database.read {
            try $0.query("SELECT COUNT(*) AS n FROM conversations WHERE state NOT LIKE 'C_--%'").first?.int("n")
        } == 1, "the flow still went on")
    }

    @Test func withRetentionZeroANewcomersJoinIsNotStoredEither() throws {
        let code = try database.read { try $0.query("SELECT join_code FROM programmes").first?.string("join_code") }
        try pipeline(retention: 0).receive(InboundMessage(
            channel: .console, externalID: "join", sender: "new@example.org", text: "join \(code ?? "?")"))
        #expect(try database.read {
            try $0.query("SELECT COUNT(*) AS n FROM participants WHERE name = 'new@example.org'").first?.int("n")
        } == 1, "admitted")
        #expect(try bodies() == [""])
    }

    @Test func theAnswersOfTheBankDetailsFlowAreNeverKept() throws {
        try say("what's next", "bank details", "DE89 3704 0044 0532 0130 00", "Ana Petrova")
        #expect(try bodies() == ["what's next", "", "", ""])
        let all = try database.read { try $0.query("SELECT body FROM outbox").map { $0.string("body") } }.joined()
        #expect(!all.contains("DE89 3704 0044 0532 0130 00"))
    }

    @Test func aDisclosureAndAConcernAreNeverKept() throws {
        try say("log yesterday 45 min", "skip", "maths, my dad hits me", "tell", "my dad hits me", "no", "skip", "yes",
                "maths")
        #expect(try bodies() == ["log yesterday 45 min", "skip", "", "", "", "", "", "", "maths"])
    }

    @Test func aConcernsRepliesAndNoticeLoseTheirTextOnceDelivered() throws {
        try say("what's next", "tell", "my dad hits me", "no", "skip", "yes")
        let rows = try database.read { connection in
            try connection.query("SELECT id, body FROM outbox ORDER BY id").map { ($0.int64("id"), $0.string("body")) }
        }
        #expect(rows.contains { $0.1.contains("my dad hits me") }, "the lead's notice and the summary are queued")
        try database.write { connection in
            for (id, _) in rows { try OutboxRepository(connection).markSent(id, now: 0) }
        }
        let bodies = try database.read { try $0.query("SELECT body FROM outbox ORDER BY id").map { $0.string("body") } }
        #expect(!bodies.joined().contains("my dad hits me"))
        #expect(bodies.first?.isEmpty == false, "an ordinary reply keeps its text")
    }

    @Test func anIBANLeftUnfinishedIsForgottenWhenItsFlowExpires() throws {
        try say("bank details", "DE89 3704 0044 0532 0130 00")
        func state() throws -> String? {
            try database.read { try $0.query("SELECT state FROM conversations").first?.string("state") }
        }
        func updated() throws -> Int64? {
            try database.read { try $0.query("SELECT updated_at FROM conversations").first?.int64("updated_at") }
        }
        #expect(try state()?.contains("DE89") == true)
        let before = try updated()
        time.withLock { $0 += 23 * 3_600_000 }
        try scheduler().runDue(now: time.withLock { $0 })
        #expect(try state()?.contains("DE89") == true, "not expired yet")
        time.withLock { $0 += 2 * 3_600_000 }
        try scheduler().runDue(now: time.withLock { $0 })
        #expect(try state()?.contains("DE89") == false)
        #expect(try updated() == before, "when the person last wrote is unchanged")
    }

    @Test func anOrdinaryFlowLeftUnfinishedIsLeftForTheEngineToExpire() throws {
        try say("log yesterday 45 min topics: goals")
        time.withLock { $0 += 48 * 3_600_000 }
        try scheduler().runDue(now: time.withLock { $0 })
        #expect(try database.read { try $0.query("SELECT state FROM conversations").first?.string("state") }?
            .contains("log_session") == true)
    }
}

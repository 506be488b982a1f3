import Channels
import Engine
import Foundation
import Programme
import Service
import Store
import Testing

/// The inbound path on a real SQLite file: one message, one transaction; duplicates change nothing.
struct PipelineTests {
    let pipeline: Pipeline

    init() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("tandem-pipeline-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let runner = try TranscriptTests.runner()
        pipeline = Pipeline(
            database: try Database(path: folder.appendingPathComponent("t.sqlite").path),
            engine: Engine(catalog: runner.catalog), templates: runner.templates,
            clock: Clock { 1_773_482_400_000 })  // 2026-03-14 10:00 UTC
        let rows = try EnrolmentCSV.parse(
            "name,role,pair,email\nAna,mentee,p1,ana\nBen,mentor,p1,ben@example.org\n".replacingOccurrences(
                of: ",ana\n", with: ",ana@example.org\n"),
            languages: ["en"], roles: Set(Role.allCases)).get()
        try pipeline.database.write { connection in
            let importer = EnrolmentImporter(connection, templates: runner.templates)
            let (programme, _) = try importer.programme(
                .init(name: "P", template: "staff_peers", startDate: CalendarDate(iso: "2026-03-02")), now: 0)
            _ = try importer.apply(rows, to: programme, now: 0)
        }
    }

    func message(_ id: String, _ text: String) -> InboundMessage {
        InboundMessage(channel: .console, externalID: id, sender: "ana@example.org", text: text)
    }

    func count(_ table: String) throws -> Int {
        try pipeline.database.read { try $0.query("SELECT COUNT(*) AS n FROM \(table)").first?.int("n") ?? 0 }
    }

    @Test func aRepeatedMessageIdIsANoOp() throws {
        #expect(try pipeline.receive(message("m1", "log")) != .duplicate)
        let outbox = try count("outbox")
        #expect(try pipeline.receive(message("m1", "log")) == .duplicate)
        #expect(try count("outbox") == outbox)
        #expect(try count("inbound_messages") == 1)
    }

    @Test func aCompletedFlowWritesTheRecordAndTheReplyTogether() throws {
        for (index, text) in ["log yesterday 45 min topics: goals", "skip", "skip", "yes"].enumerated() {
            try pipeline.receive(message("m\(index)", text))
        }
        #expect(try count("log_entries") == 1)
        let last = try pipeline.database.read {
            try $0.query("SELECT body FROM outbox ORDER BY id DESC LIMIT 1").first?.string("body")
        }
        #expect(last?.hasPrefix("Saved to your mentoring log: 2026-03-13, 45 min.") == true)
    }

    @Test func aFailingActionFailsOnlyItsOwnMessageAndTellsThePerson() throws {
        let failing = Pipeline(
            database: pipeline.database, engine: pipeline.engine, templates: pipeline.templates,
            actions: ActionRegistry([]), clock: pipeline.clock)
        try failing.receive(message("a", "log yesterday 45 min topics: goals"))
        try failing.receive(message("b", "skip"))
        try failing.receive(message("c", "skip"))
        #expect(try failing.receive(message("d", "yes")) != .duplicate)
        #expect(try count("inbound_messages") == 4)
        #expect(try count("log_entries") == 0)
        let last = try pipeline.database.read {
            try $0.query("SELECT body FROM outbox ORDER BY id DESC LIMIT 1").first?.string("body")
        }
        #expect(last == pipeline.engine.catalog.localizer.text("engine.failed", "en"))
        // Acknowledged: a redelivery changes nothing.
        #expect(try pipeline.receive(message("d", "yes")) == .duplicate)
    }
}

extension PipelineTests {
    @Test func aFloodingSenderIsStoredButAnsweredOnlyOnceWithANote() throws {
        var outcomes: [Pipeline.Outcome] = []
        for index in 0..<40 { outcomes.append(try pipeline.receive(message("f\(index)", "what is this?"))) }
        #expect(outcomes.filter { $0 == .throttled }.count == 10)
        #expect(try count("inbound_messages") == 40)
        let notes = try pipeline.database.read {
            try $0.query("SELECT COUNT(*) AS n FROM outbox WHERE body LIKE 'You are sending messages faster%'")
                .first?.int("n")
        }
        #expect(notes == 1)
    }
}

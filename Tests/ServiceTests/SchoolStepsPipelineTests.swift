import Channels
import Engine
import Foundation
import Programme
import Service
import Store
import Testing

/// The school steps through the real pipeline: a pupil without recorded guardian consent gets none of them — their
/// flows and their mentor's wait for it (the consent gate says so), nothing is stored, nobody is told — while a pupil
/// with consent does.
struct SchoolStepsPipelineTests {
    let pipeline: Pipeline

    init() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("tandem-school-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let runner = try TranscriptTests.runner()
        pipeline = Pipeline(
            database: try Database(path: folder.appendingPathComponent("t.sqlite").path),
            engine: Engine(catalog: runner.catalog), templates: runner.templates,
            clock: Clock { 1_779_271_200_000 })  // 2026-05-20 10:00 UTC
        let csv = """
            name,role,pair,email,guardian_consent
            Dana,mentee,p1,dana@example.org,no
            Mark,mentor,p1,mark@example.org,yes
            Ana,mentee,p2,ana@example.org,yes
            Ben,mentor,p2,ben@example.org,yes

            """
        let rows = try EnrolmentCSV.parse(csv, languages: ["en"], roles: Set(Role.allCases)).get()
        try pipeline.database.write { connection in
            let importer = EnrolmentImporter(connection, templates: runner.templates)
            let (programme, _) = try importer.programme(
                .init(name: "School", template: "school_peers", startDate: CalendarDate(iso: "2026-03-02")), now: 0)
            _ = try importer.apply(rows, to: programme, now: 0)
        }
    }

    /// Sends each message as `address` on the console; the replies to them.
    func say(_ messages: [String], as address: String) throws -> [String] {
        for message in messages {
            try pipeline.receive(InboundMessage(
                channel: .console, externalID: UUID().uuidString, sender: address, text: message))
        }
        return try pipeline.database.read {
            try OutboxRepository($0).queued(channel: .console, address: address).map(\.body)
        }
    }

    func count(_ table: String) throws -> Int {
        try pipeline.database.read { try $0.query("SELECT COUNT(*) AS n FROM \(table)").first?.int("n") ?? 0 }
    }

    @Test func aPupilWithoutConsentGetsNoneOfTheSchoolSteps() throws {
        let localizer = pipeline.engine.catalog.localizer
        let team = localizer.text("consent.project_team", "en")
        let held = localizer.text("consent.held_mentee", "en", ["names": team])
        var heard = 0
        for command in ["working plan", "goal", "review", "learning statement", "joint statement", "portfolio",
                        "opt out", "approve statement"] {
            let replies = try say([command], as: "dana@example.org")
            #expect(replies.dropFirst(heard).first == held, "\(command): \(replies.dropFirst(heard))")
            heard = replies.count
        }
        let mentor = try say(["working plan", "review"], as: "mark@example.org")
        #expect(mentor == Array(repeating: localizer.text(
            "consent.held_mentor", "en", ["peers": "Dana", "names": team]), count: 2))
        for table in ["working_plans", "working_plan_goals", "progress_reviews", "learning_statements",
                      "joint_statements", "validation_opt_outs", "outbox_attachments"] {
            #expect(try count(table) == 0, "\(table)")
        }
        #expect(try count("outbox WHERE address NOT IN ('dana@example.org', 'mark@example.org')") == 0)
    }

    @Test func aPupilWithConsentMakesAGoalAndGetsTheirPortfolioAsAFile() throws {
        let replies = try say(["goal goal: pass maths how: Mondays by when: June", "yes", "portfolio all"],
                              as: "ana@example.org")
        #expect(replies.contains { $0.hasPrefix("Goal 1 is added to your working plan: pass maths.") })
        #expect(replies.last?.hasPrefix("Here is your portfolio (e-portfolio.html, attached).") == true)
        #expect(try count("outbox_attachments WHERE filename = 'e-portfolio.html'") == 1)
    }
}

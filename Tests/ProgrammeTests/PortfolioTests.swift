import Engine
import Foundation
import Store
import Testing
@testable import Programme

/// The pupil's e-portfolio: one printable A4 HTML file by message, with every part — programme, joint statement,
/// the goals the pupil chose, the approved learning statement, the project team's evaluation, the certificate —
/// nothing the pupil left out, and no name but the pupil's.
struct PortfolioTests {
    /// Pupil 1 with two goals (the second private), an approved statement, a joint statement, the team's
    /// evaluation, 36 meetings, agreed ground rules and the pupil's evaluation (so the certificate is earned).
    func complete() throws -> SchoolFixture {
        let school = try SchoolFixture(pairs: 2)
        let pupil = "pupil1@example.org"
        try school.goal("Get a 4 in maths", as: pupil)
        try school.goal("PRIVATE-GOAL stop fighting at home", as: "mentor1@example.org")
        try school.goal("Other pair's goal", as: "pupil2@example.org")
        try school.statement("Statement part", as: pupil)
        try school.run(ReviseLearningStatement(), ["part": .integer(3), "text": .text("I <b>came</b> & stayed")],
                       as: pupil)
        try school.run(ApproveLearningStatement(), as: pupil)
        try school.run(SaveJointStatement(), ["text": .text("We learned to plan a week together.")], as: pupil)
        _ = try school.evaluate("p1", achievements: "Raised maths from 2 to 4")
        try school.database.write { connection in
            let pupilID = try ParticipantRepository(connection).find(channel: .email, address: pupil)!.id
            let pairID = try connection.query("SELECT id FROM pairs WHERE label = 'p1'").first!.int64("id")
            let start = CalendarDate(iso: "2026-03-02")!
            for day in 0..<36 {
                try connection.run("""
                    INSERT INTO log_entries (participant_id, programme_id, pair_id, meeting_date, duration_minutes,
                                             topics, created_at) VALUES (?, ?, ?, ?, 90, '["maths"]', 0)
                    """, [pupilID, school.programme.id, pairID, start.adding(days: day * 2).iso])
            }
            try DocumentRepository(connection).insert(.init(
                programmeID: school.programme.id, pairID: pairID, participantID: pupilID, document: "ground_rules",
                attachment: nil, answers: ["agreed"], submittedOn: start.adding(days: 8),
                dueOn: start.adding(days: 14)), now: 0)
            try EvaluationRepository(connection).insert(
                .init(openPoints: "none", gained: "confidence", feedback: "keep it"), programmeID: school.programme.id,
                pairID: pairID, participantID: pupilID, now: 0)
        }
        return school
    }

    func portfolio(_ school: SchoolFixture, goals: String? = "1") throws -> String {
        try school.run(SendPortfolio(), goals.map { ["goals": .text($0)] } ?? [:], as: "pupil1@example.org")
        return try #require(try school.files(to: "pupil1@example.org")["e-portfolio.html"])
    }

    @Test func everyPartIsThereInThePupilsLanguage() throws {
        let html = try portfolio(try complete())
        for part in ["programme", "joint-statement", "objectives", "outcomes", "evaluation", "certificate"] {
            #expect(html.contains("<section id=\"\(part)\""), "no \(part)")
        }
        #expect(html.contains("Get a 4 in maths"))
        #expect(html.contains("We learned to plan a week together."))
        #expect(html.contains("<h4>Job-related and digital skills</h4>\n<p>Statement part 4</p>"))
        #expect(html.contains("<dd>took part fully and regularly</dd>"))
        #expect(html.contains("Raised maths from 2 to 4"))
        #expect(html.contains("<h1>Certificate of satisfactory completion</h1>"))
        #expect(html.contains("Meetings: 36 ("))
    }

    @Test func aGoalThePupilLeftOutIsNowhereAndOnlyThePupilIsNamed() throws {
        let school = try complete()
        let html = try portfolio(school)
        #expect(!html.contains("PRIVATE-GOAL"))
        #expect(!html.contains("Other pair's goal"))
        #expect(html.contains("Pupil 1"))
        for name in ["Mentor 1", "Mentor 2", "Pupil 2", "Cora", "Elif"] { #expect(!html.contains(name), "\(name)") }
    }

    @Test func whatPeopleTypedIsEscapedAndTheFileIsPrintableOnA4() throws {
        let html = try portfolio(try complete())
        #expect(html.contains("I &lt;b&gt;came&lt;/b&gt; &amp; stayed"))
        #expect(html.contains("@page{size:A4 portrait;margin:15mm}"))
        #expect(HTMLBalance.unclosed(in: html) == [])
    }

    @Test func theFirstTimeTheGoalsAreListedForThePupilToChoose() throws {
        let school = try complete()
        let reply = try school.run(SendPortfolio(), as: "pupil1@example.org")
        #expect(reply.contains("1. Get a 4 in maths\n2. PRIVATE-GOAL stop fighting at home"))
        #expect(try school.files(to: "pupil1@example.org").isEmpty)
        _ = try portfolio(school, goals: "2")
        _ = try portfolio(school, goals: nil)
        let files = try school.database.read { connection in
            try connection.query("SELECT bytes FROM outbox_attachments ORDER BY id")
                .map { String(decoding: $0.blob("bytes"), as: UTF8.self) }
        }
        #expect(files.count == 2 && files.allSatisfy { $0.contains("PRIVATE-GOAL") && !$0.contains("Get a 4") })
    }

    @Test(arguments: [("all", [1, 2]), ("none", []), ("1 and 2", [1, 2]), ("goal 2", [2]), ("1, 1", [1])])
    func theGoalsAreChosenAsPeopleWriteThem(typed: String, goals: [Int]) throws {
        let school = try complete()
        let chosen = try school.database.read { connection in
            try SendPortfolio().choice(typed, among: [1, 2], ActionContext(
                connection: connection, participantID: 0, language: "en", localizer: school.localizer, now: 0,
                sourceMessageID: nil, membership: nil, today: CalendarDate(iso: "2026-05-20")!,
                templates: school.templates))
        }
        #expect(chosen == goals)
    }

    @Test func aNumberThatNamesNoGoalIsAskedAgainAndNothingIsSent() throws {
        let school = try complete()
        let reply = try school.run(SendPortfolio(), ["goals": .text("1, 5")], as: "pupil1@example.org")
        #expect(reply.hasPrefix(school.text("portfolio.bad_goals", ["text": "1, 5", "count": "2"])))
        #expect(try school.files(to: "pupil1@example.org").isEmpty)
    }

    @Test func withoutTheRulesMetTheCertificateIsNotYetThere() throws {
        let school = try SchoolFixture(pairs: 1)
        let html = try portfolio(school, goals: "none")
        #expect(html.contains(school.text("portfolio.doc.certificate_not_yet")))
        #expect(!html.contains("class=\"sheet\""))
        #expect(HTMLBalance.unclosed(in: html) == [])
    }
}

/// Whether every HTML element that needs closing is closed, in order (void elements need none).
enum HTMLBalance {
    static let void: Set<String> = ["meta", "br", "hr", "img", "link", "input", "line", "rect"]

    /// The elements left open or closed out of order; empty when balanced.
    static func unclosed(in html: String) -> [String] {
        var open: [String] = []
        var problems: [String] = []
        var rest = Substring(html)
        while let start = rest.firstIndex(of: "<") {
            guard let end = rest[start...].firstIndex(of: ">") else { return problems + ["unterminated tag"] }
            let tag = rest[rest.index(after: start)..<end]
            rest = rest[rest.index(after: end)...]
            if tag.hasPrefix("!") || tag.hasSuffix("/") { continue }
            let name = String(tag.drop { $0 == "/" }.prefix { $0.isLetter || $0.isNumber }).lowercased()
            if tag.hasPrefix("/") {
                if open.last == name { open.removeLast() } else { problems.append("</\(name)>") }
            } else if !void.contains(name) {
                open.append(name)
            }
        }
        return problems + open
    }
}

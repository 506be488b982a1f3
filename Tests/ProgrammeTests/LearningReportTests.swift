import Engine
import Foundation
import Store
import Testing
@testable import Programme

/// The draft learning programme report: built from what the pair recorded, headings in the reader's language,
/// read by the pair ("our report") and by the facilitator of its cohort or a coordinator ("pair report").
struct LearningReportTests {
    let fixture: FacilitationFixture
    let now = FacilitationFixture.at("2026-08-14", 9)

    /// Four city pairs (p1, p2 in cohort Sofia with Fran; p3, p4 in Plovdiv with Gil); p1 recorded a plan row, an
    /// agenda, two meetings (one logged by both), an assessed measure and an evaluation.
    init() throws {
        fixture = try FacilitationFixture(pairs: 4, template: "city_to_city")
        let mentee = try fixture.id("mentee1@example.org"), mentor = try fixture.id("mentor1@example.org")
        let programmeID = fixture.programme.id
        try fixture.database.write { connection in
            let enrolments = try ProgrammeRepository(connection).enrolments(participantID: mentee)
            let pairID = try #require(enrolments.first?.pairID)
            try LearningPlanRepository(connection).add(
                .init(objective: "Digital permits", actionSteps: "copy the workflow", mentorSupport: "weekly calls",
                      timeFrame: "months 3-5", resources: nil, evidence: "first permit issued online"),
                programmeID: programmeID, pairID: pairID, authorID: mentor, now: 0)
            try AgendaRepository(connection).save(
                programmeID: programmeID, pairID: pairID, authorID: mentor, frequency: "monthly",
                sessions: [.init(date: CalendarDate(iso: "2026-04-01")!, time: ClockTime(hour: 10, minute: 0)!)],
                topics: ["permits"], notes: nil, sourceMessageID: nil, now: 0)
            for (person, date, minutes, topics) in [
                (mentee, "2026-04-01", 60, ["permits"]), (mentor, "2026-04-01", 75, ["permits", "a | pipe"]),
                (mentee, "2026-05-06", 45, ["visit plan"]),
            ] {
                try LogEntryRepository(connection).insert(LogEntry(
                    participantID: person, programmeID: programmeID, pairID: pairID, date: CalendarDate(iso: date)!,
                    startTime: nil, durationMinutes: minutes, topics: topics, nextSteps: nil), sourceMessageID: nil,
                    now: 0)
            }
            try TransferabilityRepository(connection).insert(
                .init(measure: "Superblocks", period: "2 years", technicalConditions: "sensors",
                      governance: "mobility office", regulatoryFramework: "traffic ordinance", otherFactors: nil,
                      rating: 2),
                programmeID: programmeID, pairID: pairID, participantID: mentee, now: 0)
            try EvaluationRepository(connection).insert(
                .init(openPoints: "the budget template", gained: "a contact I can call", feedback: "keep the visit"),
                programmeID: programmeID, pairID: pairID, participantID: mentee, now: 0)
        }
    }

    func markdown(_ language: String) throws -> String {
        let templates = fixture.templates
        let report = try fixture.database.read { connection in
            try LearningReport.load(label: "p1", programme: nil, templates: templates, connection: connection)
        }
        let today = try #require(CalendarDate(iso: "2026-08-14"))
        return report.markdown(localizer: fixture.localizer, language: language, today: today)
    }

    @Test func theSectionsComeInOrderFromWhatThePairRecorded() throws {
        let text = try markdown("en")
        let headings = text.split(separator: "\n").filter { $0.hasPrefix("#") }
        #expect(headings == [
            "# Learning programme report — City-to-city learning exchange", "## 1. Objectives",
            "## 2. Mentoring activities", "## 3. Outcomes", "## 4. Transferability results",
            "## 5. Dissemination results",
        ])
        #expect(text.contains("1. **Digital permits** — action steps: copy the workflow; mentor support: "
            + "weekly calls; time frame: months 3-5; resources: —"))
        #expect(text.contains("Planned sessions: 2026-04-01 10:00"))
        #expect(text.contains("| 2026-04-01 | — | 1 h 15 min | permits, a \\| pipe |"))
        #expect(text.contains("| 2026-05-06 | — | 45 min | visit plan |"))
        #expect(text.contains("2 meetings, 2 h in all."))
        #expect(text.contains("- Digital permits: first permit issued online"))
        #expect(text.contains("- Mentee 1 — gained: a contact I can call; open points: the budget template; "
            + "feedback: keep the visit"))
        #expect(text.contains(
            "| Superblocks | 2 (moderate) | 2 years | sensors | mobility office | traffic ordinance | — |"))
        #expect(text.hasSuffix("what came of it?_\n"))
    }

    @Test(arguments: [("bg", "## 1. Цели", "2 (средна)"), ("tr", "## 1. Hedefler", "2 (orta)")])
    func headingsAreTranslated(language: String, heading: String, rating: String) throws {
        let text = try markdown(language)
        #expect(text.contains(heading) && text.contains(rating))
        #expect(text.contains("Digital permits"))
        #expect(!text.contains("## 1. Objectives"))
    }

    /// What the speaker gets back: the report is queued with its `.md` file, not returned as a plain reply.
    private func report(_ action: any FlowAction, _ slots: [String: SlotValue] = [:], as email: String) throws
        -> (text: String, files: [String])
    {
        let returned = try fixture.run(action, slots, as: email, now: now)
        let queued = try fixture.database.read { try OutboxRepository($0).queued(channel: .email, address: email) }
        let files = try fixture.database.read { connection in
            try queued.flatMap { try OutboxRepository(connection).attachments(outboxID: $0.id) }
        }
        return (([returned] + queued.map(\.body)).joined(separator: "\n"), files.map(\.file.filename))
    }

    @Test func eachPeerReadsTheirOwnPairsReport() throws {
        let mine = try report(ShowLearningReport(), as: "mentor1@example.org")
        #expect(mine.text.contains("Superblocks"))
        #expect(mine.files == ["learning-report-p1.md"])
        let other = try report(ShowLearningReport(), as: "mentee2@example.org")
        #expect(!other.text.contains("Superblocks") && !other.text.contains("Digital permits"))
    }

    @Test func theCohortsFacilitatorAndTheCoordinatorReadIt() throws {
        let slots: [String: SlotValue] = ["pair": .text("p1")]
        #expect(try report(ShowPairLearningReport(), slots, as: "fran@example.org").text.contains("Superblocks"))
        #expect(try report(ShowPairLearningReport(), slots, as: "cora@example.org").text.contains("Superblocks"))
    }

    @Test func anotherCohortsFacilitatorIsToldThereIsNoSuchPairAndOfferedTheirOwn() throws {
        let reply = try fixture.run(ShowPairLearningReport(), ["pair": .text("p1")], as: "gil@example.org", now: now)
        #expect(reply.hasPrefix("There is no pair \"p1\" among the pairs you look after.\nYour pairs: "))
        #expect(!reply.contains("p1,") && !reply.hasSuffix("p1"))
        let none = try fixture.run(ShowPairLearningReport(), ["pair": .text("p9")], as: "gil@example.org", now: now)
        #expect(none.hasPrefix("There is no pair \"p9\" among the pairs you look after."))
    }

    @Test func aPairLabelIsReadInAnyCase() throws {
        #expect(try report(ShowPairLearningReport(), ["pair": .text("P1")], as: "fran@example.org").text
            .contains("Superblocks"))
    }

    @Test func aPeerCannotReadAnotherPairThroughTheFacilitatorsAction() throws {
        let reply = try fixture.run(
            ShowPairLearningReport(), ["pair": .text("p1")], as: "mentee3@example.org", now: now)
        #expect(reply == "Only facilitators and coordinators can do that.")
    }
}

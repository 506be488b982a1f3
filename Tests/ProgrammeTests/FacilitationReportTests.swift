import Engine
import Foundation
import Store
import Testing
@testable import Programme

/// Reports: a pair's log as Markdown and CSV; the programme report is anonymised.
struct FacilitationReportTests {
    func log(_ fixture: FacilitationFixture, _ email: String, _ date: String, _ minutes: Int, _ topics: [String])
        throws {
        let participantID = try fixture.id(email)
        try fixture.database.write { connection in
            let pairID = try ProgrammeRepository(connection).enrolments(participantID: participantID).first?.pairID
            try LogEntryRepository(connection).insert(LogEntry(
                participantID: participantID, programmeID: fixture.programme.id, pairID: pairID,
                date: CalendarDate(iso: date)!, startTime: ClockTime(hour: 14, minute: 30), durationMinutes: minutes,
                topics: topics, nextSteps: nil), sourceMessageID: nil, now: 0)
        }
    }

    @Test func aPairsLogAsMarkdownAndCSV() throws {
        let fixture = try FacilitationFixture(pairs: 2)
        try log(fixture, "mentee1@example.org", "2026-03-03", 45, ["visa rules", "a \"quoted\", topic"])
        let report = try fixture.database.read { try PairReport.load(label: "p1", programme: nil, connection: $0) }
        #expect(report.markdown.contains("| 2026-03-03 | 14:30 | 45 min | visa rules, a \"quoted\", topic |"))
        #expect(report.csv == "date,time,duration_minutes,topics\r\n2026-03-03,14:30,45,\"visa rules; a \"\"quoted\"\", topic\"\r\n")
        #expect(throws: ReportError.unknownPair("p9")) {
            try fixture.database.read { try PairReport.load(label: "p9", programme: nil, connection: $0) }
        }
    }

    @Test func aFormulaInATopicIsWrittenAsTextInThePairCSV() throws {
        let fixture = try FacilitationFixture(pairs: 1)
        try log(fixture, "mentee1@example.org", "2026-03-03", 45, ["=cmd|' /C calc'!A0"])
        let report = try fixture.database.read { try PairReport.load(label: "p1", programme: nil, connection: $0) }
        #expect(report.csv.hasSuffix("2026-03-03,14:30,45,'=cmd|' /C calc'!A0\r\n"))
    }

    @Test func theProgrammeReportHasNoNamesAddressesOrPairLabels() throws {
        let fixture = try FacilitationFixture(pairs: 12)
        for index in 1...12 {
            try log(fixture, "mentee\(index)@example.org", "2026-03-0\(2 + index % 7)", 60 * (index % 3) + 45, ["x"])
            try log(fixture, "mentor\(index)@example.org", "2026-03-0\(2 + index % 7)", 50, ["secret topic"])
        }
        try log(fixture, "mentee1@example.org", "2026-03-20", 90, ["y"])
        let report = try fixture.database.read { try ProgrammeReport.load(programme: "Pilot", connection: $0) }
        #expect(report.sessionsPerWeek.reduce(0, +) == 13)
        #expect(report.hoursHistogram.reduce(0, +) == 12)
        let html = report.html
        #expect(html.contains("<svg") && html.contains("&lt;5"))
        let people = try fixture.database.read { connection in
            try connection.query("SELECT name FROM participants").map { $0.string("name") }
                + connection.query("SELECT address FROM addresses").map { $0.string("address") }
                + connection.query("SELECT label FROM pairs").map { ">\($0.string("label"))<" }
        }
        for text in people + ["secret topic", "Sofia", "Plovdiv"] { #expect(!html.contains(text), "\(text) leaked") }
        #expect(!report.hoursCSV.contains(",1\r\n") && !report.hoursCSV.contains(",2\r\n"))
        // Week 3 holds one pair's session: hidden, and week 1 with it (the 13 in all would give it away).
        #expect(report.sessionsCSV
            == "week,week_start,sessions\r\n1,2026-03-02,x\r\n2,2026-03-09,0\r\n3,2026-03-16,<5\r\n")
        #expect(html.contains("Sessions logged: 13."))
    }
}

import Engine
import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Store
import Testing
@testable import Programme

/// The programme report's feedback and transferability figures: counts only, under 5 people shown as "<5", and
/// nothing anyone wrote or is called.
struct ProgrammeReportRatingsTests {
    /// Sentences and measure names people typed; none may reach the report.
    static let freeText = [
        "Ana explained the visa rules brilliantly", "Too short for me", "We still need the budget template",
        "Gained confidence with permits", "Please keep the evening calls", "Digital permit desk",
        "Night bus network", "Citizen budget app",
    ]

    /// 12 city pairs: mentees 1–5 rate sessions 5 (mentee 1 twice more: 7 answers by 5 people), mentors 1–4 rate
    /// 4, mentor 5 rates 3 six times; mentees 1–6 rate a measure 3 and mentee 7 rates one 1; everyone evaluates.
    func programme() throws -> FacilitationFixture {
        let fixture = try FacilitationFixture(pairs: 12, template: "city_to_city")
        var feedback: [(String, Int)] = (1...5).map { ("mentee\($0)", 5) } + [("mentee1", 5), ("mentee1", 5)]
        feedback += (1...4).map { ("mentor\($0)", 4) } + Array(repeating: ("mentor5", 3), count: 6)
        let ratings: [(String, Int)] = (1...6).map { ("mentee\($0)", 3) } + [("mentee7", 1)]
        let programmeID = fixture.programme.id
        let ids = try Dictionary(uniqueKeysWithValues: (1...12).flatMap { ["mentee\($0)", "mentor\($0)"] }.map {
            ($0, try fixture.id("\($0)@example.org"))
        })
        try fixture.database.write { connection in
            func pair(_ person: String) throws -> Int64? {
                try ProgrammeRepository(connection).enrolments(participantID: ids[person]!).first?.pairID
            }
            for (index, (person, usefulness)) in feedback.enumerated() {
                try FeedbackRepository(connection).insert(
                    programmeID: programmeID, pairID: pair(person), participantID: ids[person]!,
                    usefulness: usefulness, comment: Self.freeText[index % 3], now: 0)
            }
            for (index, (person, rating)) in ratings.enumerated() {
                try TransferabilityRepository(connection).insert(
                    .init(measure: Self.freeText[5 + index % 3], period: "two years", technicalConditions: "servers",
                          governance: "city council", regulatoryFramework: "national law", otherFactors: nil,
                          rating: rating),
                    programmeID: programmeID, pairID: pair(person), participantID: ids[person]!, now: 0)
            }
            for person in ids.keys {
                try EvaluationRepository(connection).insert(
                    .init(openPoints: Self.freeText[2], gained: Self.freeText[3], feedback: Self.freeText[4]),
                    programmeID: programmeID, pairID: pair(person), participantID: ids[person]!, now: 0)
            }
        }
        return fixture
    }

    @Test func usefulnessRatingsAreCountedWithUnderFivePeopleHidden() throws {
        let fixture = try programme()
        let report = try fixture.database.read { try ProgrammeReport.load(programme: "Pilot", connection: $0) }
        #expect(report.feedback.levels.map(\.answers) == [0, 0, 6, 4, 7])
        #expect(report.feedbackCSV == "usefulness,answers\r\n1,0\r\n2,0\r\n3,<5\r\n4,<5\r\n5,7\r\n")
        #expect(report.feedback.shownAnswers == "17")
    }

    @Test func transferabilityRatingsAreCountedWithUnderFivePeopleHidden() throws {
        let fixture = try programme()
        let report = try fixture.database.read { try ProgrammeReport.load(programme: "Pilot", connection: $0) }
        // One measure rated 1 would be 7 − 6: the 6 is withheld too.
        #expect(report.transferabilityCSV == "rating,answers\r\n1,<5\r\n2,0\r\n3,x\r\n")
        #expect(report.html.contains("7 measures in all"))
    }

    @Test func noNameAddressPairLabelOrSentenceReachesTheReport() throws {
        let fixture = try programme()
        let report = try fixture.database.read { try ProgrammeReport.load(programme: "Pilot", connection: $0) }
        let people = try fixture.database.read { connection in
            try connection.query("SELECT name FROM participants").map { $0.string("name") }
                + connection.query("SELECT address FROM addresses").map { $0.string("address") }
                + connection.query("SELECT label FROM pairs").map { ">\($0.string("label"))<" }
        }
        let outputs = [report.html] + report.csvFiles.map(\.text)
        for text in people + Self.freeText + ["Sofia", "Plovdiv", "city council", "national law"] {
            for output in outputs { #expect(!output.contains(text), "\(text) leaked") }
        }
    }

    @Test func aHiddenCountIsDrawnAsAFlatBar() throws {
        let fixture = try programme()
        let report = try fixture.database.read { try ProgrammeReport.load(programme: "Pilot", connection: $0) }
        let chart = report.feedback.chart(title: "t") { String($0) }
        #expect(chart.bars.map(\.value) == [0, 0, 0, 0, 7])
        #expect(chart.bars.map(\.shown) == ["0", "0", "<5", "<5", "7"])
    }

    #if canImport(FoundationXML)
    @Test func everyChartIsWellFormedXML() throws {
        let fixture = try programme()
        let html = try fixture.database.read { try ProgrammeReport.load(programme: "Pilot", connection: $0) }.html
        let charts = html.components(separatedBy: "<svg").dropFirst().map { part in
            "<svg" + part.components(separatedBy: "</svg>")[0] + "</svg>"
        }
        #expect(charts.count == 4)
        for chart in charts {
            let parser = XMLParser(data: Data(chart.utf8))
            #expect(parser.parse(), "\(parser.parserError.map { "\($0)" } ?? ""): \(chart)")
        }
    }
    #endif
}

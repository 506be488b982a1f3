import Engine
import Foundation
import Store
import Testing
@testable import Programme

/// The good indications of the school pairs' progress reviews in the programme report: pairs per indication (a
/// pair that ticked one twice counts once), under 5 pairs shown as "<5" and drawn flat, the words of the reviews
/// never, and a total that gives no hidden count away.
struct IndicationCountsTests {
    /// 8 pairs: 1–6 tick "goals set" (pair 1 in two reviews), 1–5 "attendance", 7 and 8 "grades", pair 8 also
    /// reviews once ticking nothing.
    func programme() throws -> SchoolFixture {
        let school = try SchoolFixture(pairs: 9)
        for pair in 1...6 {
            try school.review(["goals_set"], achieved: "Secret words \(pair)", as: "pupil\(pair)@example.org")
        }
        try school.review(["goals_set"], as: "mentor1@example.org")
        for pair in 1...5 { try school.review(["attendance"], as: "mentor\(pair)@example.org") }
        for pair in 7...8 { try school.review(["grades"], as: "pupil\(pair)@example.org") }
        try school.review([], achieved: "Nothing ticked", as: "mentor8@example.org")
        return school
    }

    func counts(_ school: SchoolFixture) throws -> IndicationCounts? {
        try school.database.read { connection in
            try IndicationCounts.load(programme: "School", catalog: school.catalog, connection: connection)
        }
    }

    @Test func eachIndicationCountsThePairsThatTickedItWithUnderFiveHidden() throws {
        let counts = try #require(try counts(try programme()))
        #expect(counts.indications.map(\.pairs) == [6, 0, 0, 5, 2, 0])
        #expect(counts.csv == "indication,pairs\r\ngoals set,6\r\nnew skills,0\r\ntime management,0\r\n"
            + "attendance,5\r\ngrades,<5\r\ncooperation with parents and teachers,0\r\n")
    }

    @Test func theIndicationsAreTheReviewFlowsOptionsWithTheirEnglishNames() throws {
        let school = try SchoolFixture(pairs: 1)
        let options = IndicationCounts.options(in: school.catalog, template: "school_peers")
        #expect(options.map(\.id) == ReviewIndication.ids)
        #expect(options.first?.label == "goals set")
        #expect(IndicationCounts.options(in: school.catalog, template: "city_to_city").isEmpty)
    }

    /// Pairs 1–5 tick "goals set" only, pair 6 "grades" only, pair 7 reviews ticking nothing: a total of pairs that
    /// ticked something (6) minus the 5 shown would give the hidden 1. The total is the 7 pairs that reviewed.
    @Test func theTotalCountsEveryReviewingPairSoNoHiddenCountFollowsFromIt() throws {
        let school = try SchoolFixture(pairs: 7)
        for pair in 1...5 { try school.review(["goals_set"], as: "pupil\(pair)@example.org") }
        try school.review(["grades"], as: "pupil6@example.org")
        try school.review([], as: "pupil7@example.org")
        let counts = try #require(try counts(school))
        #expect(counts.pairsReviewed == 7)
        let shown = counts.indications.map(\.shown)
        #expect(shown == ["5", "0", "0", "0", "<5", "0"])
        let visible = counts.indications.filter { $0.shown == String($0.pairs) }.map(\.pairs).reduce(0, +)
        #expect(counts.pairsReviewed - visible != counts.indications[4].pairs)
        #expect(counts.figure.contains("7 pairs reviewed their progress"))
    }

    @Test func aHiddenCountIsDrawnFlatAndNoWordOfAReviewReachesTheReport() throws {
        let school = try programme()
        var report = try school.database.read { try ProgrammeReport.load(programme: "School", connection: $0) }
        report.indications = try counts(school)
        let chart = try #require(report.indications).chart
        #expect(chart.bars.map(\.value) == [6, 0, 0, 5, 0, 0])
        #expect(chart.bars.map(\.shown) == ["6", "0", "0", "5", "<5", "0"])
        #expect(report.html.contains("<li>grades: &lt;5</li>"))
        #expect(report.csvFiles.map(\.name).contains("review_indications.csv"))
        let outputs = [report.html] + report.csvFiles.map(\.text)
        let names = try school.database.read { try $0.query("SELECT name FROM participants").map { $0.string("name") } }
        for text in ["Secret words", "Nothing ticked", "we kept going"] + names {
            for output in outputs { #expect(!output.contains(text), "\(text) leaked") }
        }
    }

    @Test func aProgrammeWithoutReviewsHasNoIndicationFigure() throws {
        let school = try SchoolFixture(pairs: 1)
        let report = try school.database.read { try ProgrammeReport.load(programme: "School", connection: $0) }
        #expect(!report.html.contains("Good indications"))
        #expect(report.csvFiles.count == 4)
    }
}

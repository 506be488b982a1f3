import Engine
import Store
import Testing
@testable import Programme

/// The optional validation the pupil owns: the learning statement is drafted, changed part by part and approved
/// (the coordinators get the approved one); opting out is recorded and keeps nothing the pupil did not approve.
struct ValidationTests {
    @Test func changingAPartMakesANewDraftThatMustBeApprovedAgain() throws {
        let school = try SchoolFixture(pairs: 1)
        let pupil = "pupil1@example.org"
        try school.statement(as: pupil)
        try school.run(ApproveLearningStatement(), as: pupil)
        let changed = try school.run(ReviseLearningStatement(), ["part": .integer(7), "text": .text("Now I plan")],
                                     as: pupil)
        #expect(changed.contains("7. Before and after: what I can do now\nNow I plan"))
        #expect(changed.contains("1. What the mentoring was\nPart 1"))
        let statements = try school.database.read { connection in
            try connection.query("""
                SELECT revision, approved_at IS NOT NULL AS approved, now_able FROM learning_statements
                ORDER BY revision
                """).map { "\($0.int("revision")) \($0.bool("approved")) \($0.string("now_able"))" }
        }
        #expect(statements == ["1 true Part 7", "2 false Now I plan"])
    }

    @Test func theCoordinatorGetsTheApprovedStatementToEvaluateAgainst() throws {
        let school = try SchoolFixture(pairs: 1)
        try school.statement(as: "pupil1@example.org")
        #expect(try school.bodies(to: "cora@example.org").isEmpty)
        try school.run(ApproveLearningStatement(), as: "pupil1@example.org")
        let notice = try #require(try school.bodies(to: "cora@example.org").first)
        #expect(notice.hasPrefix("Pupil 1 (pair p1) has approved their learning statement"))
        #expect(notice.contains("3. What I did\nPart 3"))
        #expect(notice.hasSuffix("say \"evaluate pair p1\"."))
    }

    @Test func optingOutDeletesTheDraftsAndTheTeamsEvaluationButKeepsWhatThePupilApproved() throws {
        let school = try SchoolFixture(pairs: 1)
        let pupil = "pupil1@example.org"
        try school.statement("Approved", as: pupil)
        try school.run(ApproveLearningStatement(), as: pupil)
        try school.run(ReviseLearningStatement(), ["part": .integer(1), "text": .text("Draft only")], as: pupil)
        _ = try school.evaluate("p1")
        try school.run(SendPortfolio(), ["goals": .text("none")], as: pupil)
        let reply = try school.run(OptOutOfValidation(), ["sure": .yesno(true)], as: pupil)
        #expect(reply == school.text("optout.done", ["drafts": "1", "evaluations": "1"]))
        let kept = try school.database.read { connection in
            try connection.query("SELECT about FROM learning_statements").map { $0.string("about") }
        }
        #expect(kept == ["Approved 1"])
        #expect(try school.count("SELECT COUNT(*) AS n FROM team_evaluations") == 0)
        #expect(try school.count("SELECT COUNT(*) AS n FROM portfolio_choices") == 0)
        #expect(try school.count("SELECT COUNT(*) AS n FROM validation_opt_outs WHERE opted_in_at IS NULL") == 1)
    }

    @Test func afterOptingOutNothingIsKeptUntilThePupilStartsAgain() throws {
        let school = try SchoolFixture(pairs: 1)
        let pupil = "pupil1@example.org"
        try school.run(OptOutOfValidation(), ["sure": .yesno(true)], as: pupil)
        #expect(try school.run(SendPortfolio(), as: pupil) == school.text("portfolio.opted_out"))
        #expect(try school.evaluate("p1") == school.text("teameval.opted_out", ["name": "Pupil 1"]))
        #expect(try school.run(SaveJointStatement(), ["text": .text("x")], as: pupil)
            == school.text("statement.opted_out"))
        #expect(try school.count("SELECT COUNT(*) AS n FROM team_evaluations") == 0)
        #expect(try school.count("SELECT COUNT(*) AS n FROM joint_statements") == 0)
        try school.statement(as: pupil)
        #expect(try school.count("SELECT COUNT(*) AS n FROM validation_opt_outs WHERE opted_in_at IS NOT NULL") == 1)
        #expect(try school.run(OptOutOfValidation(), ["sure": .yesno(false)], as: pupil) == school.text("optout.kept"))
    }

    @Test func myDataListsTheSchoolRecordsAndForgetMeBlanksThem() throws {
        let school = try SchoolFixture(pairs: 1)
        let pupil = "pupil1@example.org"
        try school.goal("Secret goal", as: pupil)
        try school.review(["grades"], achieved: "Secret review", as: pupil)
        try school.statement("Secret part", as: pupil)
        let id = try school.id(pupil)
        let listed = try school.database.read { try ErasureRepository($0).personalData(participantID: id) }
        #expect(listed.schoolRecords.contains { $0.contains("Secret goal") })
        #expect(listed.schoolRecords.contains { $0.contains("Secret review") && $0.contains("[grades]") })
        #expect(listed.schoolRecords.contains("learning statement v1"))
        try school.database.write { try ErasureRepository($0).erase(participantID: id, decidedBy: id, now: 1) }
        let after = try school.database.read { try ErasureRepository($0).personalData(participantID: id) }
        #expect(!after.schoolRecords.joined().contains("Secret"))
        #expect(try school.count("SELECT COUNT(*) AS n FROM review_indications") == 1)
    }
}

import Engine
import Store
import Testing
@testable import Programme

/// A pupil without recorded guardian consent gets none of the school steps: nothing is recorded for their pair by
/// their mentor or the project team, and no notice about them goes out. (Their own flows are closed to them by
/// `Membership.activeRoles`: see `SchoolStepsPipelineTests`.)
struct SchoolConsentTests {
    @Test func theMentorOfAPupilWithoutConsentSavesNoPlanOrReviewAndNothingReachesThePupil() throws {
        let school = try SchoolFixture(pairs: 1, withoutConsent: [1])
        try school.goal("read more", as: "mentor1@example.org")
        try school.review(["grades"], as: "mentor1@example.org")
        let plan = try school.run(ShowWorkingPlan(), as: "mentor1@example.org")
        #expect(plan == school.text("school.no_consent"))
        #expect(try school.count("SELECT COUNT(*) AS n FROM working_plan_goals") == 0)
        #expect(try school.count("SELECT COUNT(*) AS n FROM progress_reviews") == 0)
        #expect(try school.bodies(to: "pupil1@example.org").isEmpty)
    }

    @Test func theProjectTeamCanNeitherReassignNorEvaluateThePairOfAPupilWithoutConsent() throws {
        let school = try SchoolFixture(pairs: 1, withoutConsent: [1])
        let reassign = try school.run(ReassignMentor(), ["pair": .text("p1"), "mentor": .text("Elif")],
                                      as: "cora@example.org")
        #expect(reassign == school.text("school.no_consent_pair", ["pair": "p1"]))
        #expect(try school.evaluate("p1") == school.text("school.no_consent_pair", ["pair": "p1"]))
        #expect(try school.count("SELECT COUNT(*) AS n FROM mentor_changes") == 0)
        #expect(try school.count("SELECT COUNT(*) AS n FROM team_evaluations") == 0)
        for person in ["pupil1", "mentor1", "elif"] { #expect(try school.bodies(to: "\(person)@example.org").isEmpty) }
    }

    @Test func consentIsAskedOnlyWhereTheTemplateRequiresIt() throws {
        let school = try SchoolFixture(pairs: 1, withoutConsent: [1])
        var template = try #require(school.templates.template("school_peers"))
        let pairID = try school.count("SELECT id AS n FROM pairs WHERE label = 'p1'")
        let required = try school.database.read {
            try GuardianConsent.isRecorded(pairID: Int64(pairID), template: template, connection: $0)
        }
        template.requiresGuardianConsent = false
        let notRequired = try school.database.read {
            try GuardianConsent.isRecorded(pairID: Int64(pairID), template: template, connection: $0)
        }
        #expect(!required && notRequired)
    }
}

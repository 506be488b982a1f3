import Engine
import Store
import Testing
@testable import Programme

/// A pupil without recorded guardian consent gets none of the school steps: the whole pair is held back by the
/// consent gate (`Membership`), so nothing is recorded for it by the mentor or the project team and no notice about
/// the pupil goes out. (Their flows do not even start: see `SchoolStepsPipelineTests`.)
struct SchoolConsentTests {
    @Test func theMentorOfAPupilWithoutConsentSavesNoPlanOrReviewAndNothingReachesThePupil() throws {
        let school = try SchoolFixture(pairs: 1, withoutConsent: [1])
        try school.goal("read more", as: "mentor1@example.org")
        try school.review(["grades"], as: "mentor1@example.org")
        #expect(try school.run(ShowWorkingPlan(), as: "mentor1@example.org") == school.text("records.no_pair"))
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

    @Test func aPairWithConsentIsNotHeldBackByAnotherPairsPupil() throws {
        let school = try SchoolFixture(pairs: 2, withoutConsent: [1])
        _ = try school.evaluate("p2")
        #expect(try school.count("SELECT COUNT(*) AS n FROM team_evaluations") == 1)
    }
}

import Engine
import Store
import Testing
@testable import Programme

/// "reassign pair 1 to Elif": the coordinator gives a pair a new mentor; the history stays with the pair (the
/// pupil keeps it, the new mentor sees it), the previous mentor's access ends, everyone is told.
struct ReassignMentorTests {
    func reassigned(_ mentor: String = "Elif", pair: String = "p1") throws -> (SchoolFixture, String) {
        let school = try SchoolFixture(pairs: 2)
        try school.goal("pass maths", as: "pupil1@example.org")
        let reply = try school.run(ReassignMentor(), ["pair": .text(pair), "mentor": .text(mentor)],
                                   as: "cora@example.org")
        return (school, reply)
    }

    @Test func theNewMentorSeesThePairsHistoryAndThePreviousMentorNoLonger() throws {
        let (school, reply) = try reassigned()
        #expect(reply == school.text("reassign.done", [
            "pair": "p1", "mentor": "Elif Demir", "mentee": "Pupil 1", "previous": "Mentor 1",
        ]))
        #expect(try school.run(ShowWorkingPlan(), as: "elif@example.org").contains("pass maths"))
        #expect(try school.run(ShowWorkingPlan(), as: "pupil1@example.org").contains("pass maths"))
        #expect(try school.run(ShowWorkingPlan(), as: "mentor1@example.org") == school.text("records.no_pair"))
        let members = try school.database.read { connection in
            try connection.query("""
                SELECT p.name FROM enrolments AS e JOIN participants AS p ON p.id = e.participant_id
                JOIN pairs AS pr ON pr.id = e.pair_id WHERE pr.label = 'p1' ORDER BY p.name
                """).map { $0.string("name") }
        }
        #expect(members == ["Elif Demir", "Pupil 1"])
        #expect(try school.count("SELECT COUNT(*) AS n FROM mentor_changes WHERE previous_mentor_id IS NOT NULL") == 1)
    }

    @Test func thePupilTheNewAndThePreviousMentorAreToldEachInTheirLanguage() throws {
        let (school, _) = try reassigned()
        #expect(try school.bodies(to: "pupil1@example.org").last
            == school.text("reassign.mentee_notice", ["mentor": "Elif Demir"]))
        #expect(try school.bodies(to: "elif@example.org")
            == [school.localizer.text("reassign.new_mentor_notice", "tr", ["mentee": "Pupil 1"])])
        #expect(try school.bodies(to: "mentor1@example.org").last
            == school.text("reassign.previous_notice", ["mentee": "Pupil 1"]))
    }

    @Test(arguments: ["to Elif", "elif", "Elif'e", "ELIF DEMIR", "with Elif Demir", "Demir"])
    func theNewMentorIsFoundHoweverTheCoordinatorWritesTheName(typed: String) throws {
        let (school, reply) = try reassigned(typed)
        #expect(reply.hasPrefix("Done: Elif Demir is now the mentor of pair p1"), "\(reply)")
        _ = school
    }

    @Test func aNameThatIsNoMentorIsRefusedWithTheMentorsAndNothingChanges() throws {
        let (school, reply) = try reassigned("Pupil 2")
        #expect(reply == school.text("reassign.unknown_mentor", [
            "name": "Pupil 2", "mentors": "Elif Demir, Mentor 1, Mentor 2",
        ]))
        #expect(try school.count("SELECT COUNT(*) AS n FROM mentor_changes") == 0)
    }

    @Test func aNameOfTwoMentorsIsAskedInFull() throws {
        let (school, reply) = try reassigned("Mentor")
        #expect(reply == school.text("reassign.ambiguous", ["name": "Mentor", "mentors": "Mentor 1, Mentor 2"]))
    }

    @Test func aMentorOfAnotherPairTakesThisOneOnBesides() throws {
        let (school, reply) = try reassigned("Mentor 2")
        #expect(reply.hasPrefix("Done: Mentor 2 is now the mentor of pair p1"))
        let pairs = try school.count("""
            SELECT COUNT(*) AS n FROM enrolments WHERE role = 'mentor' AND pair_id IS NOT NULL
              AND participant_id = (SELECT participant_id FROM addresses WHERE address = 'mentor2@example.org')
            """)
        #expect(pairs == 2)
    }

    @Test func onlyACoordinatorMayReassign() throws {
        let school = try SchoolFixture(pairs: 1)
        let reply = try school.run(ReassignMentor(), ["pair": .text("p1"), "mentor": .text("Elif")],
                                   as: "mentor1@example.org")
        #expect(reply == school.text("facilitation.not_allowed"))
        #expect(try school.count("SELECT COUNT(*) AS n FROM mentor_changes") == 0)
    }
}

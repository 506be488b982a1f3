import Engine
import Store
import Testing
@testable import Programme

/// A participant of pair A never reads pair B's records: the actions take the pair from the speaker's own
/// membership, and the repository functions they use filter by that pair.
struct RecordsAccessTests {
    let fixture: RecordsFixture

    init() throws {
        fixture = try RecordsFixture()
        _ = try fixture.run(SaveAgenda(), as: fixture.bo, RecordsWriteTests.agenda.merging(
            ["topics": .list(["secret topic B"])]) { $1 })
        _ = try fixture.run(ConfirmAgenda(), as: fixture.cy)
        _ = try fixture.run(SaveGroundRules(), as: fixture.bo, [
            "confidentiality": .yesno(true), "how_often": .text("B often"), "where_when": .text("B place"),
            "absence": .text("B absence"), "friends": .yesno(true), "problems": .text("B problems"),
        ])
        _ = try fixture.run(SavePlanRow(), as: fixture.bo, RecordsWriteTests.planRow("secret objective B"))
        _ = try fixture.run(SaveFeedback(), as: fixture.bo, ["usefulness": .integer(1), "comment": .text("B")])
        _ = try fixture.run(SaveEvaluation(), as: fixture.bo, [
            "open_points": .text("B"), "gained": .text("B"), "feedback": .text("B"),
        ])
    }

    @Test func pairAsActionsShowNothingOfPairB() throws {
        for person in [fixture.ana, fixture.marco] {
            #expect(try fixture.run(ShowAgenda(), as: person)
                == ["Your pair has no agenda yet. Say \"agenda\" to set one."])
            #expect(try fixture.run(ShowGroundRules(), as: person)
                == ["Your pair has no ground rules yet. Say \"ground rules\" to propose them."])
            #expect(try fixture.run(ShowPlan(), as: person)
                == ["Your learning plan is empty. Say \"plan\" to add its first row."])
        }
        let b = try fixture.run(ShowAgenda(), as: fixture.cy)
        #expect(b.first?.contains("secret topic B") == true)
    }

    @Test func pairAsWritesNeverTouchPairB() throws {
        #expect(try fixture.run(AgreeGroundRules(), as: fixture.ana, ["agree": .yesno(true)])
            == ["Your pair has no ground rules yet. Say \"ground rules\" to propose them."])
        #expect(try fixture.run(SavePlanRow(), as: fixture.ana, RecordsWriteTests.planRow("hijack", row: 1)).first?
            .hasPrefix("Your learning plan has no row 1 (it has 0)") == true)
        let rulesB = try fixture.read { try GroundRulesRepository($0).current(pairID: fixture.pairB) }
        #expect(rulesB?.agreedBy == [fixture.bo])
        let planB = try fixture.read { try LearningPlanRepository($0).current(pairID: fixture.pairB) }
        #expect(planB.map(\.content.objective) == ["secret objective B"] && planB.first?.revision == 1)
        let feedback = try fixture.run(
            SaveFeedback(), as: fixture.ana, ["usefulness": .integer(5), "comment": .text("A")])
        #expect(feedback == ["Thanks for your check-in! Check-ins you gave: 1, on average 5.0 out of 5."])
        let evaluation = try fixture.run(SaveEvaluation(), as: fixture.ana, [
            "open_points": .text("A"), "gained": .text("A"), "feedback": .text("A"),
        ])
        #expect(evaluation.first?.hasSuffix("Still to come: the evaluation of Marco.") == true)
    }

    @Test func theRepositoryReadsAreScopedToThePairAsked() throws {
        let (a, b, bo) = (fixture.pairA, fixture.pairB, fixture.bo)
        #expect(try fixture.read { try AgendaRepository($0).current(pairID: a) } == nil)
        #expect(try fixture.read { try GroundRulesRepository($0).current(pairID: a) } == nil)
        #expect(try fixture.read { try LearningPlanRepository($0).current(pairID: a) }.isEmpty)
        #expect(try fixture.read { try FeedbackRepository($0).feedback(pairID: a, participantID: bo) }.isEmpty)
        #expect(try fixture.read { try FeedbackRepository($0).feedback(pairID: b, participantID: bo) }.count == 1)
        #expect(try fixture.read { try EvaluationRepository($0).evaluated(pairID: a) }.isEmpty)
        #expect(try fixture.read { try TransferabilityRepository($0).assessments(pairID: a, participantID: bo) }.isEmpty)
    }

    @Test func noticesAndSupervisorEmailsStayInPairB() throws {
        #expect(try fixture.outbox("ana@example.org").isEmpty)
        #expect(try fixture.outbox("marco@example.org").isEmpty)
        #expect(try fixture.outbox("boss@city-a.example.org").isEmpty)
        #expect(try fixture.outbox("chief@city-b.example.org").count == 1)
        #expect(try fixture.outbox("cy@example.org").count >= 3)
    }
}

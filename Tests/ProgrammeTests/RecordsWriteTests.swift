import Engine
import Store
import Testing
@testable import Programme

/// Participant records are written as the flows describe: revisions, notices, supervisor emails, plan history.
struct RecordsWriteTests {
    let fixture: RecordsFixture

    init() throws { fixture = try RecordsFixture() }

    static let agenda: [String: SlotValue] = [
        "sessions": .integer(4), "frequency": .choice("every_two_weeks"),
        "first_date": .date(CalendarDate(year: 2026, month: 3, day: 16)!),
        "time": .time(ClockTime(hour: 14, minute: 0)!),
        "topics": .list(["onboarding", "budget rules"]), "notes": .text("Online"),
    ]

    static func planRow(_ objective: String, row: Int? = nil) -> [String: SlotValue] {
        var slots: [String: SlotValue] = [
            "objective": .text(objective), "steps": .text("steps"), "support": .text("support"),
            "time_frame": .text("months 2-4"), "evidence": .text("evidence"),
        ]
        if let row { slots["row"] = .integer(row) }
        return slots
    }

    @Test func anAgendaIsStoredWithItsSessionsAndSentToThePeerThenTheSupervisorOnceBothConfirmed() throws {
        let replies = try fixture.run(SaveAgenda(), as: fixture.ana, Self.agenda)
        #expect(replies == ["The agenda form goes to your supervisors once Marco has confirmed it."])
        #expect(try fixture.outbox("boss@city-a.example.org").isEmpty)
        #expect(try fixture.run(ConfirmAgenda(), as: fixture.ana) == [
            "You have already confirmed this version of your pair's agenda.",
        ])
        #expect(try fixture.outbox("boss@city-a.example.org").isEmpty)
        #expect(try fixture.run(ConfirmAgenda(), as: fixture.marco) == [
            "Thank you: you confirmed your pair's agenda (version 1).",
            "The agenda form is on its way to 1 supervisor by email.",
        ])
        #expect(try fixture.outbox("ana@example.org").last == "Marco confirmed your pair's agenda (version 1).")
        // The confirmation carries the calendar file, so it is queued with it (here to Ana's email).
        #expect(try fixture.outbox("ana@example.org").first?.hasPrefix("Your agenda is saved (version 1)") == true)
        let agenda = try #require(try fixture.read { try AgendaRepository($0).current(pairID: fixture.pairA) })
        #expect(agenda.sessions.map(\.date.iso) == ["2026-03-16", "2026-03-30", "2026-04-13", "2026-04-27"])
        #expect(agenda.topics == ["onboarding", "budget rules"] && agenda.authorID == fixture.ana)

        let form = try #require(try fixture.outbox("boss@city-a.example.org").first)
        for part in ["Agenda form — Pilot", "Participant: Ana (mentee)", "Other participant: Marco (mentor)",
                     "4. 2026-04-27 14:00", "Topics: onboarding, budget rules", "Additional information: Online"] {
            #expect(form.contains(part), "\(part)")
        }
        #expect(try fixture.outbox("marco@example.org").first?.hasPrefix("Ana saved your pair's agenda") == true)
        #expect(try fixture.outbox("chief@city-b.example.org").isEmpty)
        #expect(try fixture.outbox("bo@example.org").isEmpty)

        _ = try fixture.run(SaveAgenda(), as: fixture.marco, Self.agenda.merging(["sessions": .integer(2)]) { $1 })
        let second = try #require(try fixture.read { try AgendaRepository($0).current(pairID: fixture.pairA) })
        #expect(second.revision == 2 && second.sessions.count == 2 && second.authorID == fixture.marco)
        #expect(try fixture.outbox("boss@city-a.example.org").count == 1)
    }

    @Test func aNewRevisionNeedsBothConfirmationsAgainAndTheFormGoesOncePerRevision() throws {
        _ = try fixture.run(SaveAgenda(), as: fixture.ana, Self.agenda)
        _ = try fixture.run(ConfirmAgenda(), as: fixture.marco)
        _ = try fixture.run(SaveAgenda(), as: fixture.marco, Self.agenda.merging(["sessions": .integer(2)]) { $1 })
        #expect(try fixture.outbox("boss@city-a.example.org").count == 1)
        _ = try fixture.run(ConfirmAgenda(), as: fixture.ana)
        #expect(try fixture.outbox("boss@city-a.example.org").count == 2)
        #expect(try fixture.run(ConfirmAgenda(), as: fixture.marco) == [
            "You have already confirmed this version of your pair's agenda.",
        ])
        #expect(try fixture.outbox("boss@city-a.example.org").count == 2)
    }

    @Test func monthlySessionsKeepTheDayOrTakeTheMonthsLast() {
        let dates = AgendaFrequency.monthly.dates(from: CalendarDate(year: 2026, month: 11, day: 30)!, count: 4)
        #expect(dates.map(\.iso) == ["2026-11-30", "2026-12-30", "2027-01-30", "2027-02-28"])
    }

    @Test func groundRulesAreAgreedOnlyWhenBothAgreed() throws {
        let rules: [String: SlotValue] = [
            "confidentiality": .yesno(true), "how_often": .text("3 a week"), "where_when": .text("library"),
            "absence": .text("message"), "friends": .yesno(false), "problems": .text("talk"),
        ]
        _ = try fixture.run(SaveGroundRules(), as: fixture.ana, rules)
        #expect(try fixture.outbox("marco@example.org").first?.contains("• Where and when: library") == true)
        #expect(try fixture.run(ShowGroundRules(), as: fixture.ana).first?.contains("waiting for: Marco") == true)
        #expect(try fixture.run(AgreeGroundRules(), as: fixture.ana, ["agree": .yesno(true)])
            == ["You have already agreed to your pair's current ground rules. Say \"our rules\" to see them."])
        #expect(try fixture.run(AgreeGroundRules(), as: fixture.marco, ["agree": .yesno(true)])
            == ["Thank you! You have both agreed: these are now your pair's ground rules."])
        let stored = try #require(try fixture.read { try GroundRulesRepository($0).current(pairID: fixture.pairA) })
        #expect(stored.agreedBy == [fixture.ana, fixture.marco] && !stored.friendsAllowed)

        let refused = try fixture.run(SaveGroundRules(), as: fixture.ana, ["confidentiality": .yesno(false)])
        #expect(refused.first?.hasPrefix("Ground rules need this agreement") == true)
        #expect(try fixture.read { try GroundRulesRepository($0).current(pairID: fixture.pairA)?.revision } == 1)
    }

    @Test func revisingAPlanRowKeepsTheOldVersion() throws {
        _ = try fixture.run(SavePlanRow(), as: fixture.ana, Self.planRow("Bike sharing"))
        _ = try fixture.run(SavePlanRow(), as: fixture.marco, Self.planRow("Open data"))
        let replies = try fixture.run(SavePlanRow(), as: fixture.ana, Self.planRow("Bike sharing, 2 districts", row: 1))
        #expect(replies.first?.hasPrefix("Row 1 of your learning plan is replaced (version 2)") == true)
        let current = try fixture.read { try LearningPlanRepository($0).current(pairID: fixture.pairA) }
        #expect(current.map(\.content.objective) == ["Bike sharing, 2 districts", "Open data"])
        #expect(current.map(\.revision) == [2, 1])
        let history = try fixture.read { connection in
            try connection.query(
                "SELECT row_number, revision, superseded_by FROM plan_rows WHERE pair_id = ? ORDER BY id",
                [fixture.pairA]
            ).map { [$0.int("row_number"), $0.int("revision"), $0.optionalInt("superseded_by") ?? 0] }
        }
        #expect(history == [[1, 1, Int(current[0].id)], [2, 1, 0], [1, 2, 0]])
        #expect(try fixture.run(SavePlanRow(), as: fixture.ana, Self.planRow("x", row: 5)).first?
            .hasPrefix("Your learning plan has no row 5 (it has 2)") == true)
    }

    @Test func aDocumentFileIsStoredAgainstTheTemplateDocumentWithItsDeadline() throws {
        let file = AttachmentRef(id: "ab12", filename: "needs.pdf", mediaType: "application/pdf", size: 10)
        let replies = try fixture.run(
            SaveDocument(), as: fixture.ana, ["how": .choice("send_file"), "file": .attachments([file])])
        #expect(replies == ["Your Learning Needs is submitted on 2026-03-14, on time (due 2026-03-16). Thank you!"])
        let late = try fixture.run(SaveDocument(), as: fixture.marco, [
            "how": .choice("write_answers"), "subject": .text("s"), "background": .text("b"),
            "expectations": .text("e"),
        ])
        #expect(late.first?.contains("5 days after the due date (2026-03-09)") == true)
        let rows = try fixture.read { connection in
            try connection.query(
                "SELECT document, attachment_sha256, answers, due_on, pair_id FROM documents ORDER BY id")
        }
        #expect(rows.map { $0.string("document") } == ["learning_needs", "learning_experiences"])
        #expect(rows[0].optionalString("attachment_sha256") == "ab12" && rows[0].optionalString("answers") == nil)
        #expect(rows[1].string("answers") == #"["s","b","e"]"# && rows[1].string("due_on") == "2026-03-09")
        #expect(rows.allSatisfy { $0.int64("pair_id") == fixture.pairA })
    }

    @Test func feedbackEvaluationAndTransferabilityAreKeptPerParticipantAndPair() throws {
        _ = try fixture.run(SaveFeedback(), as: fixture.ana, ["usefulness": .integer(4), "comment": .text("good")])
        let second = try fixture.run(
            SaveFeedback(), as: fixture.ana, ["usefulness": .integer(5), "comment": .text("a")])
        #expect(second == ["Thanks for your check-in! Check-ins you gave: 2, on average 4.5 out of 5."])
        let evaluation: [String: SlotValue] = [
            "open_points": .text("none"), "gained": .text("a lot"), "feedback": .text("keep it"),
        ]
        #expect(try fixture.run(SaveEvaluation(), as: fixture.ana, evaluation).first?.hasSuffix("evaluation of Marco.")
            == true)
        #expect(try fixture.run(SaveEvaluation(), as: fixture.marco, evaluation).first?
            .hasSuffix("Everyone in your pair has now sent an evaluation.") == true)
        _ = try fixture.run(SaveTransferability(), as: fixture.ana, [
            "measure": .text("Superblocks"), "period": .text("2 years"), "technical": .text("sensors"),
            "governance": .text("city"), "framework": .text("ordinance"), "rating": .integer(3),
        ])
        let assessments = try fixture.read {
            try TransferabilityRepository($0).assessments(pairID: fixture.pairA, participantID: fixture.ana)
        }
        #expect(assessments.map(\.rating) == [3] && assessments.first?.otherFactors == nil)
    }
}

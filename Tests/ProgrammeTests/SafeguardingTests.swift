import Engine
import Store
import Testing
@testable import Programme

/// Safeguarding concerns reach the programme's safeguarding lead and nobody else; "my data" shows only the speaker's
/// own data; "forget me" + a coordinator's "erase N" removes personal data and keeps anonymous counts.
struct SafeguardingTests {
    let fixture: RecordsFixture
    let lead: Int64, facilitator: Int64, coordinator: Int64, finance: Int64

    init() throws {
        fixture = try RecordsFixture()
        let ids = try fixture.staff([
            ("Lena", "safeguarding_lead"), ("Fay", "facilitator"), ("Cora", "coordinator"),
            ("Finn", "finance_coordinator"),
        ])
        (lead, facilitator, coordinator, finance) = (ids[0], ids[1], ids[2], ids[3])
    }

    static let concern: [String: SlotValue] = [
        "what": .text("Older pupils push me around every day"), "danger": .choice("danger_yes"),
        "involved": .text("11b"),
    ]

    @Test func theBotSaysWhoWillBeToldBeforeAnything() throws {
        let intro = try fixture.run(ExplainConcern(), as: fixture.ana)
        #expect(intro.count == 1 && intro[0].contains("Lena, the programme's safeguarding lead"))
        #expect(intro[0].contains("I can't keep this secret"))
    }

    @Test func aMenteesConcernReachesTheLeadAndNobodyElse() throws {
        let reply = try fixture.run(RaiseConcern(), as: fixture.ana, Self.concern)
        #expect(reply.first == "Thank you. Lena, the safeguarding lead, has it now and will contact you. It is not in your mentoring log.")
        #expect(reply.last == "If someone is in danger right now, call 112.")
        let notice = try fixture.outbox("lena@example.org")
        #expect(notice.count == 1)
        #expect(notice.first?.contains("from Ana (mentee)") == true)
        #expect(notice.first?.contains("email: ana@example.org") == true)
        #expect(notice.first?.contains("Older pupils push me around every day") == true)
        #expect(notice.first?.contains("YES") == true)
        for other in ["marco", "fay", "cora", "finn", "bo", "cy"] { #expect(try fixture.outbox("\(other)@example.org").isEmpty) }

        let concerns = try fixture.read { try ConcernRepository($0).concerns(viewerID: lead) }
        #expect(concerns.map(\.what) == ["Older pupils push me around every day"] && concerns.first?.involved == "11b")
        for viewer in [fixture.ana, fixture.marco, fixture.bo, facilitator, coordinator, finance] {
            #expect(try fixture.read { try ConcernRepository($0).concerns(viewerID: viewer) }.isEmpty)
            #expect(try fixture.read { try ConcernRepository($0).concern(id: concerns[0].id, viewerID: viewer) } == nil)
        }
        #expect(try fixture.read { try ConcernRepository($0).concern(id: concerns[0].id, viewerID: lead) } != nil)
        #expect(try fixture.read { try $0.query("SELECT COUNT(*) AS n FROM log_entries").first?.int("n") } == 0)

        let listed = try fixture.run(ListConcerns(), as: lead)
        #expect(listed.first?.contains("DANGER NOW — Ana (mentee)") == true)
        #expect(try fixture.run(ListConcerns(), as: coordinator) == ["No concerns have been raised."])
    }

    @Test func aConcernWithoutProofOfItsSenderIsRaisedAndMarkedSo() throws {
        _ = try fixture.run(RaiseConcern(), as: fixture.ana, Self.concern, senderProven: false)
        let notice = try fixture.outbox("lena@example.org")
        #expect(notice.count == 1)
        #expect(notice.first?.contains("Older pupils push me around every day") == true)
        #expect(notice.first?.contains("without proof that Ana sent it") == true)
        _ = try fixture.run(RaiseConcern(), as: fixture.ana, Self.concern)
        #expect(try fixture.outbox("lena@example.org").last?.contains("without proof") == false)
        let concerns = try fixture.read { try ConcernRepository($0).concerns(viewerID: lead) }
        #expect(concerns.map(\.unproven) == [false, true])
        let lines = try fixture.run(ListConcerns(), as: lead).first?.split(separator: "\n").dropFirst() ?? []
        #expect(lines.map { $0.hasSuffix("(no proof of who sent it)") } == [false, true])
    }

    @Test func notBeingSureWhetherSomeoneIsInDangerIsTreatedAsPossiblyUrgent() throws {
        let reply = try fixture.run(
            RaiseConcern(), as: fixture.ana, ["what": .text("x"), "danger": .choice("danger_unsure")])
        #expect(reply.suffix(2) == [
            "Not being sure is OK: it is treated as possibly urgent.", "If someone is in danger right now, call 112.",
        ])
        let notice = try fixture.outbox("lena@example.org").first
        #expect(notice?.contains("In danger now: NOT SURE — treat it as possibly urgent") == true)
        let concern = try fixture.read { try ConcernRepository($0).concerns(viewerID: lead) }.first
        #expect(concern?.dangerNow == true && concern?.dangerUnsure == true)
        #expect(try fixture.run(ListConcerns(), as: lead).first?.contains("MAYBE IN DANGER (not sure) — Ana") == true)
    }

    @Test func withoutALeadTheCoordinatorsAreToldAndTheReplySaysSo() throws {
        try fixture.database.write { try $0.run("DELETE FROM enrolments WHERE role = 'safeguarding_lead'") }
        let reply = try fixture.run(
            RaiseConcern(), as: fixture.bo, ["what": .text("x"), "danger": .choice("danger_no")])
        #expect(reply == [
            "Thank you. The programme has no safeguarding lead, so the coordinators (Cora) have it now and will contact you. It is not in your mentoring log.",
        ])
        #expect(try fixture.outbox("cora@example.org").first?.contains("no safeguarding lead") == true)
        #expect(try fixture.outbox("lena@example.org").isEmpty)
    }

    @Test func myDataShowsOnlyTheSpeakersOwnData() throws {
        _ = try fixture.run(SaveFeedback(), as: fixture.ana, ["usefulness": .integer(4), "comment": .text("ana's note")])
        _ = try fixture.run(SaveFeedback(), as: fixture.marco, ["usefulness": .integer(2), "comment": .text("marco's note")])
        _ = try fixture.run(SaveLogEntry(), as: fixture.ana, [
            "date": .date(RecordsFixture.today), "duration": .duration(minutes: 45), "topics": .list(["visa rules"]),
        ])
        let text = try fixture.run(ShowMyData(), as: fixture.ana).joined()
        #expect(text.contains("Name: Ana"))
        #expect(text.contains("email: ana@example.org"))
        #expect(text.contains("Pilot — mentee (a), supervisor boss@city-a.example.org, a guardian's consent is recorded"))
        #expect(text.contains("2026-03-14, 45 min: visa rules"))
        #expect(text.contains("4/5: ana's note"))
        #expect(!text.contains("marco"))
    }

    @Test func forgetMeThenEraseRemovesPersonalDataAndKeepsCounts() throws {
        _ = try fixture.run(SaveFeedback(), as: fixture.ana, ["usefulness": .integer(4), "comment": .text("ana's note")])
        _ = try fixture.run(SaveLogEntry(), as: fixture.ana, [
            "date": .date(RecordsFixture.today), "duration": .duration(minutes: 45), "topics": .list(["visa rules"]),
            "next_steps": .text("call the embassy"),
        ])
        try fixture.database.write { connection in
            let conversation = try ConversationRepository(connection).open(
                participantID: fixture.ana, channel: .email, address: "ana@example.org", now: 1)
            _ = try InboundRepository(connection).record(
                channel: .email, externalID: "m1", sender: "ana@example.org", body: "my secret", receivedAt: 1)
            try connection.run("UPDATE inbound_messages SET conversation_id = ?", [conversation.id])
        }
        let request = try fixture.run(RequestErasure(), as: fixture.ana)
        #expect(request == ["Your erasure request 1 is sent to Cora. Once they confirm it, your personal data is erased and Tandem will not write to you again."])
        #expect(try fixture.outbox("cora@example.org").first?.contains("Say \"erase 1\"") == true)

        #expect(try fixture.run(ReviewErasure(), as: coordinator, ["request": .integer(1)]).first?
            .contains("Erasure request 1 is from Ana (mentee, Pilot)") == true)
        #expect(try fixture.run(ConfirmErasure(), as: fixture.marco, ["request": .integer(1)])
            == ["Only a coordinator of the programme can confirm an erasure."])
        #expect(try fixture.run(ConfirmErasure(), as: coordinator, ["request": .integer(1)])
            == ["Done: the personal data of request 1 is erased — Tandem no longer knows their name either. Anonymous counts stay."])

        try fixture.read { connection in
            #expect(try ParticipantRepository(connection).find(id: fixture.ana)?.name == "removed")
            func count(_ sql: String) throws -> Int { try connection.query(sql, [fixture.ana]).first?.int("n") ?? -1 }
            #expect(try count("SELECT COUNT(*) AS n FROM addresses WHERE participant_id = ?") == 0)
            #expect(try count("SELECT COUNT(*) AS n FROM conversations WHERE participant_id = ?") == 0)
            #expect(try count("SELECT COUNT(*) AS n FROM enrolments WHERE participant_id = ?") == 1)
            #expect(try count("SELECT COUNT(*) AS n FROM session_feedback WHERE participant_id = ? AND comment = ''") == 1)
            let log = try connection.query(
                "SELECT meeting_date, duration_minutes, topics, next_steps FROM log_entries WHERE participant_id = ?",
                [fixture.ana])
            #expect(log.count == 1)
            #expect(log.first?.string("meeting_date") == "2026-03-14" && log.first?.int("duration_minutes") == 45)
            #expect(log.first?.string("topics") == "[]" && log.first?.optionalString("next_steps") == nil)
            #expect(try connection.query("SELECT body FROM inbound_messages").map { $0.string("body") } == [""])
            #expect(try ParticipantRepository(connection).find(anyChannelAddress: "ana@example.org") == nil)
            #expect(try connection.query("SELECT status FROM erasure_requests").first?.string("status") == "done")
        }
        let after = try fixture.run(ShowMyData(), as: fixture.ana).joined()
        #expect(!after.contains("ana@example.org") && !after.contains("ana's note") && !after.contains("visa rules"))
        #expect(try fixture.run(ConfirmErasure(), as: coordinator, ["request": .integer(1)])
            == ["Erasure request 1 was already carried out."])
        // Marco's data is untouched.
        #expect(try fixture.read { try ParticipantRepository($0).find(id: fixture.marco)?.name } == "Marco")
    }
}

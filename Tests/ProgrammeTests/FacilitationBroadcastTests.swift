import Engine
import Foundation
import Store
import Testing
@testable import Programme

/// Broadcasts: who may send to whom, the preview, per-recipient texts in each language, exactly-once delivery,
/// status with failures, and scheduling.
struct FacilitationBroadcastTests {
    let now = FacilitationFixture.at("2026-03-20", 10)

    @Test func nextStepToACohortReachesEachPersonOnceInTheirLanguageWithThePairsDates() throws {
        let fixture = try FacilitationFixture(pairs: 4)
        let preview = try fixture.run(
            PrepareBroadcast(), ["request": .text("next step to cohort Sofia")], as: "fran@example.org", now: now)
        #expect(preview.contains("Broadcast to cohort Sofia: 4 people — 4 on email."))
        #expect(try fixture.count("SELECT COUNT(*) AS n FROM outbox") == 0)

        let sent = try fixture.run(SendBroadcast(), as: "fran@example.org", now: now)
        #expect(sent.contains("4 messages on their way"))
        #expect(try fixture.count("SELECT COUNT(*) AS n FROM broadcast_recipients WHERE outbox_id IS NOT NULL") == 4)
        #expect(try fixture.bodies(to: "mentee3@example.org").isEmpty)  // Plovdiv is not Fran's
        let english = try #require(try fixture.bodies(to: "mentor2@example.org").first)
        #expect(english.contains("From Fran — now: Sessions 2 and 3"))
        #expect(english.contains("Mentee 2's input") && english.contains("2026-04-12"))
        let bulgarian = try #require(try fixture.bodies(to: "mentee1@example.org").first)
        #expect(bulgarian.hasPrefix("От Fran — сега:") && bulgarian.contains("Mentor 1"))
    }

    @Test func aFacilitatorCannotReachAnotherCohortOrPair() throws {
        let fixture = try FacilitationFixture(pairs: 4)
        let cohort = try fixture.run(
            PrepareBroadcast(), ["request": .text("to cohort Plovdiv: hello")], as: "fran@example.org", now: now)
        #expect(cohort.contains("not one of your cohorts"))
        let pair = try fixture.run(
            PrepareBroadcast(), ["request": .text("to pair p4: hello")], as: "fran@example.org", now: now)
        #expect(pair.contains("not one of your cohorts"))
        #expect(try fixture.count("SELECT COUNT(*) AS n FROM broadcasts") == 0)

        _ = try fixture.run(PrepareBroadcast(), ["request": .text("to mentors: hi")], as: "fran@example.org", now: now)
        _ = try fixture.run(SendBroadcast(), as: "fran@example.org", now: now)
        #expect(try fixture.bodies(to: "mentor2@example.org") == ["Message from Fran:\nhi"])
        #expect(try fixture.bodies(to: "mentor1@example.org") == ["Fran kişisinden mesaj:\nhi"])
        #expect(try fixture.bodies(to: "mentee1@example.org").isEmpty)
        #expect(try fixture.bodies(to: "mentor3@example.org").isEmpty)
    }

    @Test func aMenteeCannotStartOrSendABroadcast() throws {
        let fixture = try FacilitationFixture(pairs: 3)
        for action in [PrepareBroadcast(), SendBroadcast()] as [any FlowAction] {
            let reply = try fixture.run(action, ["request": .text("to everyone: hi")], as: "mentee3@example.org", now: now)
            #expect(reply == "Only facilitators and coordinators can do that.")
        }
        #expect(try fixture.count("SELECT COUNT(*) AS n FROM broadcasts") == 0)
    }

    @Test func aBroadcastToTwoHundredPairsIsDeliveredOnceEach() throws {
        let fixture = try FacilitationFixture(pairs: 200)
        let preview = try fixture.run(
            PrepareBroadcast(), ["request": .text("next step to everyone")], as: "cora@example.org", now: now)
        #expect(preview.contains("400 people — 400 on email"))
        _ = try fixture.run(SendBroadcast(), as: "cora@example.org", now: now)
        #expect(try fixture.count("SELECT COUNT(*) AS n FROM outbox") == 400)
        #expect(try fixture.count("SELECT COUNT(DISTINCT address) AS n FROM outbox") == 400)

        // Confirming again, or the sender running again on the same broadcast (a restart), sends nothing.
        #expect(try fixture.run(SendBroadcast(), as: "cora@example.org", now: now).contains("no broadcast waiting"))
        let cora = try fixture.id("cora@example.org")
        let again = try fixture.database.write { connection in
            let broadcast = try #require(try connection.query("SELECT id FROM broadcasts").first?.int64("id"))
            let record = BroadcastRecord(
                id: broadcast, programmeID: fixture.programme.id, authorID: cora,
                audience: .everyone, target: nil, roles: ["mentee", "mentor"], body: nil, sendAt: now, status: .sent,
                createdAt: now)
            return try BroadcastSender(connection: connection, templates: fixture.templates, localizer: fixture.localizer)
                .send(record, now: now)
        }
        #expect(again == BroadcastSender.Outcome())
        #expect(try fixture.count("SELECT COUNT(*) AS n FROM outbox") == 400)
    }

    @Test func statusShowsDeliveredWaitingAndFailedWithTheReason() throws {
        let fixture = try FacilitationFixture(pairs: 2)
        _ = try fixture.run(PrepareBroadcast(), ["request": .text("to cohort Sofia: agenda please")],
                            as: "fran@example.org", now: now)
        _ = try fixture.run(SendBroadcast(), as: "fran@example.org", now: now)
        try fixture.database.write { connection in
            let rows = try connection.query("SELECT outbox_id FROM broadcast_recipients ORDER BY participant_id")
            try OutboxRepository(connection).markSent(rows[0].int64("outbox_id"), now: now)
            try OutboxRepository(connection).markDead(rows[1].int64("outbox_id"), error: "550 mailbox unavailable")
        }
        let status = try fixture.run(ShowBroadcastStatus(), as: "fran@example.org", now: now)
        #expect(status.contains("cohort Sofia, “agenda please”, 2026-03-20 12:00 (Europe/Sofia): 2 people — 1 delivered, 0 waiting, 1 failed"))
        #expect(status.contains("Not delivered (#1): Mentor 1 (550 mailbox unavailable)"))
        #expect(try fixture.run(ShowBroadcastStatus(), as: "gil@example.org", now: now).contains("not sent any"))
        #expect(try fixture.run(ShowBroadcastStatus(), as: "cora@example.org", now: now).contains("1 delivered"))
    }

    @Test func aScheduledBroadcastWaitsForItsLocalTimeAndGoesOnce() throws {
        let fixture = try FacilitationFixture(pairs: 2)
        let slots: [String: SlotValue] = [
            "request": .text("next step to pair p1"), "date": .date(CalendarDate(iso: "2026-03-23")!),
            "time": .time(ClockTime(hour: 9, minute: 0)!),
        ]
        let preview = try fixture.run(PrepareBroadcast(), slots, as: "fran@example.org", now: now)
        #expect(preview.contains("on 2026-03-23 09:00 (Europe/Sofia)"))
        #expect(try fixture.run(SendBroadcast(), as: "fran@example.org", now: now).contains("scheduled for"))
        func sendDue(_ instant: Int64) throws -> Int {
            try fixture.database.write { connection in
                try BroadcastSender(connection: connection, templates: fixture.templates, localizer: fixture.localizer)
                    .sendDue(now: instant)
            }
        }
        #expect(try sendDue(FacilitationFixture.at("2026-03-23", 6, 59)) == 0)  // 08:59 in Sofia
        #expect(try sendDue(FacilitationFixture.at("2026-03-23", 7, 0)) == 1)
        #expect(try sendDue(FacilitationFixture.at("2026-03-23", 8, 0)) == 0)
        #expect(try fixture.count("SELECT COUNT(*) AS n FROM outbox") == 2)
    }

    @Test func aTimeInThePastIsRefused() throws {
        let fixture = try FacilitationFixture(pairs: 1)
        let reply = try fixture.run(PrepareBroadcast(), [
            "request": .text("to everyone: hi"), "date": .date(CalendarDate(iso: "2026-03-20")!),
            "time": .time(ClockTime(hour: 8, minute: 0)!),
        ], as: "cora@example.org", now: now)
        #expect(reply.contains("already passed"))
    }

    @Test(arguments: [
        ("next step to cohort Sofia East", BroadcastRecord.Audience.cohort, "Sofia East", ["mentee", "mentor"], nil),
        ("to pair p7: please log", .pair, "p7", ["mentee", "mentor"], "please log"),
        ("to mentors: see you: soon", .everyone, nil, ["mentor"], "see you: soon"),
        ("mentees cohort Sofia: hi", .cohort, "Sofia", ["mentee"], "hi"),
        // Without a colon the message starts at the first word that names no one (stop 34: "unknown words").
        ("to mentors please log your sessions", .everyone, nil, ["mentor"], "please log your sessions"),
        ("please log your meetings by Friday", .everyone, nil, ["mentee", "mentor"],
         "please log your meetings by Friday"),
        ("to pair p7 please log\nthanks", .pair, "p7", ["mentee", "mentor"], "please log\nthanks"),
        ("to cohort Sofia East", .cohort, "Sofia", ["mentee", "mentor"], "East"),
        // A word for the broadcast itself before whom it is for (stop 35: "unknown words"); elsewhere it is the text.
        ("message to mentees send your receipts", .everyone, nil, ["mentee"], "send your receipts"),
        ("a reminder to all mentors: log", .everyone, nil, ["mentor"], "log"),
        ("reminder to log your meetings", .everyone, nil, ["mentee", "mentor"], "reminder to log your meetings"),
    ] as [(String, BroadcastRecord.Audience, String?, [String], String?)])
    func requestsAreRead(text: String, audience: BroadcastRecord.Audience, target: String?, roles: [String],
                         body: String?) throws {
        let request = try BroadcastRequest.parse(text, language: "en", localizer: FacilitationFixture.loadLocalizer())
        #expect(request.audience == audience && request.target == target && request.body == body)
        #expect(request.roles.map(\.rawValue) == roles)
    }

    @Test func bulgarianRequestsAndMistakesAreRead() throws {
        let localizer = try FacilitationFixture.loadLocalizer()
        let request = try BroadcastRequest.parse("следваща стъпка до група София", language: "bg", localizer: localizer)
        #expect(request.audience == .cohort && request.target == "София" && request.body == nil)
        #expect(throws: BroadcastRequestError.missingMessage) {
            try BroadcastRequest.parse("to cohort Sofia", language: "en", localizer: localizer)
        }
        #expect(throws: BroadcastRequestError.unknownWords("soon please")) {
            try BroadcastRequest.parse("soon please: x", language: "en", localizer: localizer)
        }
    }
}

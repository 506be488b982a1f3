import Engine
import Foundation
import Programme
import Service
import Store
import Testing

/// The scheduler with a controlled clock (no sleeping): quiet-pair nudges once per quiet period, document
/// deadlines to the owner then the facilitator, quiet hours, scheduled broadcasts, idempotent passes, catch-up.
struct SchedulerTests {
    @Test func aQuietPairIsNudgedOncePerQuietPeriod() throws {
        let fixture = try SchedulerFixture(pairs: 2)
        try fixture.log("mentee1@example.org", on: "2026-03-10")
        // Day 17, 10:00 in Sofia: pair 2 has been quiet since the start (17 days > 14); pair 1 met on day 8.
        let first = try fixture.scheduler.runDue(now: SchedulerFixture.at("2026-03-19", 8))
        #expect(first.reminders > 0)
        let nudge = try #require(try fixture.bodies(to: "mentee2@example.org").first { $0.contains("a while") })
        #expect(nudge.contains("• with Mentor 2: last meeting 2026-03-02 (17 days ago)"))
        #expect(try fixture.bodies(to: "mentor2@example.org").contains { $0.contains("Mentee 2 ile") })
        #expect(try fixture.count("SELECT COUNT(*) AS n FROM reminders_sent WHERE kind = 'quiet'") == 2)
        #expect(try fixture.scheduler.runDue(now: SchedulerFixture.at("2026-03-19", 9)) == SchedulerRun())

        // Pair 1 goes quiet after its meeting: a new period, nudged once; pair 2 is not nudged again.
        _ = try fixture.scheduler.runDue(now: SchedulerFixture.at("2026-03-25", 8))
        #expect(try fixture.count("SELECT COUNT(*) AS n FROM reminders_sent WHERE kind = 'quiet'") == 4)
        try fixture.log("mentor2@example.org", on: "2026-03-24")
        _ = try fixture.scheduler.runDue(now: SchedulerFixture.at("2026-03-26", 8))
        #expect(try fixture.count("SELECT COUNT(*) AS n FROM reminders_sent WHERE kind = 'quiet'") == 4)
    }

    @Test func deadlinesRemindTheOwnerThenTheFacilitatorInTheirLanguage() throws {
        let fixture = try SchedulerFixture(pairs: 2)
        // The agenda form is due on day 7 (2026-03-09): owners hear 3 days before, facilitators after it passed.
        _ = try fixture.scheduler.runDue(now: SchedulerFixture.at("2026-03-05", 8))
        #expect(try fixture.bodies(to: "mentee1@example.org").isEmpty)
        _ = try fixture.scheduler.runDue(now: SchedulerFixture.at("2026-03-06", 8))
        #expect(try fixture.bodies(to: "mentee1@example.org")
            == ["Hello Mentee 1! A reminder about what you owe:\n• Agenda form, due 2026-03-09\n"
                + "Send it here, or tell your facilitator if you need help."])
        #expect(try fixture.bodies(to: "fran@example.org").isEmpty)
        _ = try fixture.scheduler.runDue(now: SchedulerFixture.at("2026-03-10", 8))
        let fran = try fixture.bodies(to: "fran@example.org")
        #expect(fran.count == 1 && fran[0].contains("• p1: Agenda form from Mentee 1, due 2026-03-09"))
        #expect(fran[0].contains("• p1: Agenda form from Mentor 1") && !fran[0].contains("p2"))
        #expect(try fixture.bodies(to: "gil@example.org").first?.contains("• p2: Дневен ред") == true)
        #expect(try fixture.bodies(to: "mentee1@example.org").count == 1)
    }

    @Test func nothingIsSentInQuietHoursAndItWaitsForTheMorning() throws {
        let fixture = try SchedulerFixture(pairs: 1)
        // 2026-03-19 in Sofia is UTC+2: 21:30 local, 07:59 local, then 08:00 local.
        #expect(try fixture.scheduler.runDue(now: SchedulerFixture.at("2026-03-19", 19, 30)) == SchedulerRun())
        #expect(try fixture.scheduler.runDue(now: SchedulerFixture.at("2026-03-20", 5, 59)) == SchedulerRun())
        #expect(try fixture.scheduler.runDue(now: SchedulerFixture.at("2026-03-20", 6)).reminders > 0)
    }

    @Test func aScheduledBroadcastIsSentWhenDueAndOnlyOnce() throws {
        let fixture = try SchedulerFixture(pairs: 2)
        try fixture.database.write { connection in
            let fran = try #require(try ParticipantRepository(connection).find(channel: .email, address: "fran@example.org"))
            let draft = try BroadcastRepository(connection).insertDraft(
                programmeID: fixture.programme.id, authorID: fran.id, audience: .everyone, target: nil,
                roles: ["mentee", "mentor"], body: "See you tomorrow", sendAt: SchedulerFixture.at("2026-03-04", 7),
                now: 0)
            try BroadcastRepository(connection).schedule(draft.id)
        }
        #expect(try fixture.scheduler.runDue(now: SchedulerFixture.at("2026-03-04", 6)).broadcasts == 0)
        #expect(try fixture.scheduler.runDue(now: SchedulerFixture.at("2026-03-04", 7)).broadcasts == 1)
        #expect(try fixture.scheduler.runDue(now: SchedulerFixture.at("2026-03-04", 8)).broadcasts == 0)
        #expect(try fixture.bodies(to: "mentee1@example.org") == ["Message from Fran:\nSee you tomorrow"])
        #expect(try fixture.bodies(to: "mentee2@example.org").isEmpty)  // Plovdiv is Gil's
    }

    /// 200 pairs over the whole programme, a pass every 2 hours, the service down for 3 days (2026-03-05 12:00 to
    /// 03-08 12:00 UTC) around the document deadline and the first agreed sessions: every reminder goes exactly once,
    /// none in quiet hours, and each pass sends at most one message per person and kind.
    ///
    /// Every pair agrees sessions on 03-06 14:00 (reminded on 03-05, before the outage), 03-07 10:00 (its whole
    /// reminder window falls in the outage) and 03-24 14:00. A third of the pairs log the 03-24 meeting that day,
    /// a third the day after, the rest never log; 14 of those move their 03-24 session to 03-26 on 03-23 and save
    /// the same agenda again on 03-25. Nobody answers "did you meet?".
    @Test func twoHundredPairsOverTheWholeProgrammeWithAnOutage() throws {
        let fixture = try SchedulerFixture(pairs: 200)
        let labels = (1...200).map { "p\($0)" }
        let moved = (1...200).filter { $0 % 15 == 5 }
        for label in labels { try fixture.agenda(label, [("2026-03-06", 14), ("2026-03-07", 10), ("2026-03-24", 14)]) }
        let events: [Int64: () throws -> Void] = [
            SchedulerFixture.at("2026-03-23", 12): {
                for index in moved {
                    try fixture.agenda("p\(index)", [("2026-03-06", 14), ("2026-03-07", 10), ("2026-03-26", 14)])
                }
            },
            SchedulerFixture.at("2026-03-24", 16): {
                for index in 1...200 where index % 3 == 0 {
                    try fixture.log("mentee\(index)@example.org", on: "2026-03-24")
                }
            },
            SchedulerFixture.at("2026-03-25", 2): {
                for index in 1...200 where index % 3 == 1 {
                    try fixture.log("mentor\(index)@example.org", on: "2026-03-25")
                }
            },
            SchedulerFixture.at("2026-03-25", 12): {
                for index in moved {
                    try fixture.agenda("p\(index)", [("2026-03-06", 14), ("2026-03-07", 10), ("2026-03-26", 14)])
                }
            },
        ]
        let start = SchedulerFixture.at("2026-03-01", 0)
        let outage = SchedulerFixture.at("2026-03-05", 12)..<SchedulerFixture.at("2026-03-08", 12)
        var now = start
        while now < SchedulerFixture.at("2026-05-10", 0) {
            try events[now]?()
            if !outage.contains(now) {
                let before = try fixture.count("SELECT COALESCE(MAX(id), 0) AS n FROM outbox")
                try fixture.scheduler.runDue(now: now)
                let perPersonAndKind = try fixture.count("""
                    SELECT COALESCE(MAX(c), 0) AS n FROM (
                        SELECT COUNT(DISTINCT r.outbox_id) AS c FROM reminders_sent AS r
                        WHERE r.outbox_id > ? GROUP BY r.participant_id, r.kind)
                    """, [before])
                #expect(perPersonAndKind <= 1)
            }
            now += 2 * 3_600_000
        }
        func count(_ kind: String, period: String? = nil, at time: Int64? = nil) throws -> Int {
            try fixture.count("""
                SELECT COUNT(*) AS n FROM reminders_sent
                WHERE kind = ?1 AND (?2 IS NULL OR period = ?2) AND (?3 IS NULL OR created_at = ?3)
                """, [kind, period, time])
        }
        // Each of 400 people is nudged once for the quiet start; those who logged on 03-24 (66 pairs) or 03-25
        // (67 pairs) once more when quiet again. Everyone is reminded once of the agenda form; each facilitator
        // hears once about their 100 pairs' missing forms.
        #expect(try count("quiet") == 400 + 132 + 134)
        #expect(try count("deadline") == 400)
        #expect(try count("deadline_late") == 400)
        // Session reminders: 03-06 to everyone (before the outage), 03-07 to nobody (its window was the outage),
        // 03-24 to everyone (the movers were reminded before they moved), 03-26 to the 14 moved pairs, once.
        #expect(try count("session", period: "2026-03-06") == 400)
        #expect(try count("session", period: "2026-03-06", at: SchedulerFixture.at("2026-03-05", 6)) == 400)
        #expect(try count("session", period: "2026-03-07") == 0)
        #expect(try count("session", period: "2026-03-24") == 400)
        #expect(try count("session", period: "2026-03-26") == 28)
        #expect(try count("session") == 828)
        // "Did you meet?": after the outage everyone is asked about 03-06 in the first pass — one question each —
        // and about 03-07 once that question has expired unanswered (48 h); 03-24 only the 53 pairs that logged
        // nothing and kept the date; 03-26 the moved pairs.
        #expect(try count("did_you_meet", at: SchedulerFixture.at("2026-03-08", 12)) == 400)
        #expect(try count("did_you_meet", period: "2026-03-06") == 400)
        #expect(try count("did_you_meet", period: "2026-03-07", at: SchedulerFixture.at("2026-03-10", 14)) == 400)
        #expect(try count("did_you_meet", period: "2026-03-24") == 106)
        #expect(try count("did_you_meet", period: "2026-03-26") == 28)
        #expect(try count("did_you_meet") == 934)
        // Every item went in a message of its own kind: one question per message, in each person's language.
        #expect(try fixture.count("SELECT COUNT(*) AS n FROM reminders_sent WHERE outbox_id IS NULL") == 0)
        #expect(try fixture.count("SELECT COUNT(*) AS n FROM outbox WHERE body LIKE '%Did you meet on%'") == 467)
        #expect(try fixture.count("SELECT COUNT(*) AS n FROM outbox WHERE body LIKE '%tarihinde görüştünüz mü%'")
            == 467)
        #expect(try fixture.count("SELECT COUNT(*) AS n FROM outbox") == 666 + 400 + 2 + 828 + 934)
        #expect(try fixture.count("SELECT COUNT(DISTINCT address) AS n FROM outbox") == 402)
        let times = try fixture.database.read { try $0.query("SELECT created_at FROM outbox").map { $0.int64("created_at") } }
        #expect(times.allSatisfy { !QuietHours().contains(ProgrammeTime($0, timeZone: "Europe/Sofia").minutes) })
        // The owners' reminders fell due in the outage (3 days before 2026-03-09): all came in the first pass after.
        #expect(try fixture.count("SELECT COUNT(*) AS n FROM reminders_sent WHERE kind = 'deadline' AND created_at = ?",
                                  [SchedulerFixture.at("2026-03-08", 12)]) == 400)
    }
}

import Foundation
import Programme
import Service
import Store
import Testing

/// Guardian consent for the whole pair: in a school programme, a pair whose pupil has no consent recorded gets no
/// reminder (quiet pair, document deadline) and no broadcast, and no facilitator is told about the pupil; the
/// other pairs go on as usual.
struct SchedulerConsentTests {
    let fixture: SchedulerFixture

    init() throws {
        // Pairs 1 and 2 in Fran's cohort (Sofia), pair 3 in Gil's; pair 1's pupil has no consent recorded.
        fixture = try SchedulerFixture(pairs: 3, template: "school_peers", withoutConsent: [1])
    }

    @Test func aPairWaitingForConsentGetsNoReminderAndNobodyHearsOfItsPupil() throws {
        // Day 17: every pair has been quiet for longer than a week, and the ground rules (day 14) are overdue.
        let run = try fixture.scheduler.runDue(now: SchedulerFixture.at("2026-03-19", 8))
        #expect(run.reminders > 0)
        #expect(try fixture.bodies(to: "mentee2@example.org").contains { $0.contains("a while") })
        #expect(try fixture.bodies(to: "mentee1@example.org").isEmpty)
        #expect(try fixture.bodies(to: "mentor1@example.org").isEmpty)
        let fran = try fixture.bodies(to: "fran@example.org").joined()
        #expect(fran.contains("p2") && !fran.contains("p1") && !fran.contains("Mentee 1"))
        #expect(try fixture.count("""
            SELECT COUNT(*) AS n FROM reminders_sent WHERE participant_id IN
                (SELECT participant_id FROM addresses WHERE address IN ('mentee1@example.org', 'mentor1@example.org'))
            """) == 0)
    }

    @Test func aBroadcastLeavesOutThePairWaitingForConsent() throws {
        try fixture.database.write { connection in
            let fran = try #require(
                try ParticipantRepository(connection).find(channel: .email, address: "fran@example.org"))
            let draft = try BroadcastRepository(connection).insertDraft(
                programmeID: fixture.programme.id, authorID: fran.id, audience: .everyone, target: nil,
                roles: ["mentee", "mentor"], body: "See you tomorrow", sendAt: SchedulerFixture.at("2026-03-04", 7),
                now: 0)
            try BroadcastRepository(connection).schedule(draft.id)
        }
        #expect(try fixture.scheduler.runDue(now: SchedulerFixture.at("2026-03-04", 7)).broadcasts == 1)
        #expect(try fixture.bodies(to: "mentee2@example.org") == ["Message from Fran:\nSee you tomorrow"])
        #expect(try fixture.bodies(to: "mentor2@example.org").count == 1)
        #expect(try fixture.bodies(to: "mentee1@example.org").isEmpty)
        #expect(try fixture.bodies(to: "mentor1@example.org").isEmpty)
    }
}

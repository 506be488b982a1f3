import Engine
import Foundation
import Store
import Testing
@testable import Programme

/// "Who is behind": meetings against the template, quiet time, overdue documents; each viewer sees their pairs.
struct FacilitationBehindTests {
    func log(_ fixture: FacilitationFixture, _ email: String, on date: String) throws {
        let participantID = try fixture.id(email)
        try fixture.database.write { connection in
            let membership = try Membership.load(
                participantID: participantID, connection: connection, templates: fixture.templates)
            try LogEntryRepository(connection).insert(LogEntry(
                participantID: participantID, programmeID: fixture.programme.id, pairID: membership?.pairIDs.first,
                date: CalendarDate(iso: date)!, startTime: nil, durationMinutes: 45, topics: ["x"], nextSteps: nil),
                sourceMessageID: nil, now: 0)
        }
    }

    @Test func pairsLateOnMeetingsQuietTimeAndDocumentsAreListed() throws {
        let fixture = try FacilitationFixture(pairs: 4)
        // Day 32 of 56: 2 meetings expected, rhythm 14 days, agenda form due day 7.
        try log(fixture, "mentee1@example.org", on: "2026-03-10")
        try log(fixture, "mentor1@example.org", on: "2026-03-10")  // the same meeting, logged by both
        try log(fixture, "mentee1@example.org", on: "2026-03-24")
        try log(fixture, "mentee2@example.org", on: "2026-03-05")
        try fixture.database.write { connection in
            for email in ["mentee1@example.org", "mentor1@example.org", "mentee2@example.org"] {
                let id = try ParticipantRepository(connection).find(channel: "email", address: email)!.id
                try DocumentRepository(connection).insert(.init(
                    programmeID: fixture.programme.id, pairID: nil, participantID: id, document: "agenda_form",
                    attachment: nil, answers: ["ok"], submittedOn: CalendarDate(iso: "2026-03-05")!, dueOn: nil), now: 0)
            }
        }
        let now = FacilitationFixture.at("2026-04-03", 10)
        let coordinator = try fixture.run(WhoIsBehind(), as: "cora@example.org", now: now)
        let lines = coordinator.split(separator: "\n").map(String.init)
        #expect(lines.first == "Behind in Pilot (day 32 of 56): 3 of 4 pairs.")
        #expect(lines.contains("• p2 (cohort Sofia): 1 of 2 meetings; quiet for 29 days; "
            + "Agenda form from Mentor 2 overdue since 2026-03-09"))
        #expect(lines.contains { $0.hasPrefix("• p3 (cohort Plovdiv): 0 of 2 meetings; quiet for 32 days") })
        #expect(!coordinator.contains("p1"))

        let fran = try fixture.run(WhoIsBehind(), as: "fran@example.org", now: now)
        #expect(fran.contains("1 of 2 pairs") && fran.contains("p2") && !fran.contains("p3"))
        #expect(try fixture.run(WhoIsBehind(), as: "mentee3@example.org", now: now)
            == "Only facilitators and coordinators can do that.")
    }

    @Test func nobodyBehindAtTheStart() throws {
        let fixture = try FacilitationFixture(pairs: 2)
        let reply = try fixture.run(WhoIsBehind(), as: "gil@example.org", now: FacilitationFixture.at("2026-03-03", 10))
        #expect(reply == "Nobody is behind in Pilot (day 1 of 56; 1 pairs checked).")
    }
}

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
                let id = try ParticipantRepository(connection).find(channel: .email, address: email)!.id
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

    /// An old unanswered "did you meet?" counts once per session (both peers were asked), not when the pair logged
    /// within a day of it or it is younger than 3 days; an old deadline reminder counts while the document is missing;
    /// only claims submitted and undecided are waiting, shown as a count.
    @Test func unansweredRemindersAndClaimsWaitingAreCountedPerPair() throws {
        let fixture = try FacilitationFixture(pairs: 4)
        var ids: [String: Int64] = [:]
        for role in ["mentee", "mentor"] {
            for index in 1...4 { ids["\(role)\(index)"] = try fixture.id("\(role)\(index)@example.org") }
        }
        try fixture.database.write { connection in
            let pairs = Dictionary(uniqueKeysWithValues: try connection.query("SELECT id, label FROM pairs").map {
                ($0.string("label"), $0.int64("id"))
            })
            let ledger = ReminderRepository(connection)
            func asked(_ index: Int, at time: Int64) throws {
                for role in ["mentee", "mentor"] {
                    let person = ids["\(role)\(index)"]!
                    try AgendaRepository(connection).save(
                        programmeID: fixture.programme.id, pairID: pairs["p\(index)"]!, authorID: person,
                        frequency: "weekly", sessions: [.init(date: CalendarDate(iso: "2026-03-12")!,
                                                              time: ClockTime(hour: 14, minute: 0)!)],
                        topics: ["x"], notes: nil, sourceMessageID: nil, now: 0)
                    _ = try ledger.record(
                        kind: "did_you_meet", participantID: person, subject: "pair:\(pairs["p\(index)"]!)",
                        period: "2026-03-12", now: time)
                }
            }
            try asked(1, at: FacilitationFixture.at("2026-03-13", 6))
            try asked(2, at: FacilitationFixture.at("2026-03-13", 6))
            try asked(3, at: FacilitationFixture.at("2026-03-18", 6))
            for role in ["mentee", "mentor"] {
                _ = try ledger.record(
                    kind: "deadline", participantID: ids["\(role)4"]!, subject: "agenda_form",
                    period: "2026-03-09", now: FacilitationFixture.at("2026-03-06", 6))
            }
            try DocumentRepository(connection).insert(.init(
                programmeID: fixture.programme.id, pairID: nil, participantID: ids["mentor4"]!,
                document: "agenda_form", attachment: nil, answers: ["ok"],
                submittedOn: CalendarDate(iso: "2026-03-10")!, dueOn: nil), now: 0)
            for (email, status) in [("mentee1", "submitted"), ("mentor1", "approved"), ("mentee2", "submitted"),
                                    ("mentor2", "submitted"), ("mentee3", "draft"), ("mentee3", "needs_info")] {
                try connection.run("""
                    INSERT INTO expense_claims (programme_id, participant_id, role, category, expense_date, description,
                        amount_minor, currency, converted_minor, converted_currency, status, created_at, updated_at)
                    VALUES (?, ?, ?, 'travel', '2026-03-05', 'train', 4550, 'EUR', 4550, 'EUR', ?, 0, 0)
                    """, [fixture.programme.id, ids[email]!,
                          email.hasPrefix("mentee") ? "mentee" : "mentor", status])
            }
        }
        try log(fixture, "mentee2@example.org", on: "2026-03-13")
        let reply = try fixture.run(WhoIsBehind(), as: "cora@example.org", now: FacilitationFixture.at("2026-03-20", 8))
        let lines = reply.split(separator: "\n").map(String.init)
        #expect(lines.contains { $0.hasPrefix("• p1 ") && $0.hasSuffix(
            "; 1 reminder unanswered for 3+ days; 1 expense claim waiting for finance") })
        #expect(lines.contains { $0.hasPrefix("• p2 ") && !$0.contains("unanswered")
            && $0.hasSuffix("; 2 expense claims waiting for finance") })
        #expect(lines.contains { $0.hasPrefix("• p3 ") && !$0.contains("unanswered") && !$0.contains("claim") })
        #expect(lines.contains { $0.hasPrefix("• p4 ") && $0.hasSuffix("; 1 reminder unanswered for 3+ days") })
        #expect(!reply.contains("45") && !reply.contains("EUR"))
    }

    @Test func nobodyBehindAtTheStart() throws {
        let fixture = try FacilitationFixture(pairs: 2)
        let reply = try fixture.run(WhoIsBehind(), as: "gil@example.org", now: FacilitationFixture.at("2026-03-03", 10))
        #expect(reply == "Nobody is behind in Pilot (day 1 of 56; 1 pair checked).")
    }
}

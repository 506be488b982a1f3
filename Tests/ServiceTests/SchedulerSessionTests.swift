import Engine
import Foundation
import Programme
import Service
import Store
import Testing

/// Agreed sessions with a controlled clock: the reminder before (lead configurable, once per date, again for a
/// moved date), "did you meet?" after (not when logged within a day or cancelled, one session at a time, never
/// into a conversation in the middle of something), and configurable quiet hours. Sofia is UTC+2 in March.
struct SchedulerSessionTests {
    static let sessions = "SELECT COUNT(*) AS n FROM reminders_sent WHERE kind = 'session'"
    static let questions = "SELECT COUNT(*) AS n FROM reminders_sent WHERE kind = 'did_you_meet'"

    @Test func bothPeersAreRemindedTheDayBeforeInTheirLanguage() throws {
        let fixture = try SchedulerFixture(pairs: 2)
        try fixture.agenda("p1", [("2026-03-12", 14)])
        _ = try fixture.scheduler.runDue(now: SchedulerFixture.at("2026-03-10", 8))
        #expect(try fixture.count(Self.sessions) == 0)
        _ = try fixture.scheduler.runDue(now: SchedulerFixture.at("2026-03-11", 6))
        #expect(try fixture.bodies(to: "mentee1@example.org").contains(
            "Hello Mentee 1! A reminder of your next session:\n• 2026-03-12 at 14:00 with Mentor 1\n"
                + "Afterwards, say \"log\" to note what you discussed."))
        #expect(try fixture.bodies(to: "mentor1@example.org")
            .contains { $0.contains("• 2026-03-12 saat 14:00, Mentee 1 ile") })
        #expect(try fixture.count(Self.sessions) == 2)
        _ = try fixture.scheduler.runDue(now: SchedulerFixture.at("2026-03-11", 10))
        _ = try fixture.scheduler.runDue(now: SchedulerFixture.at("2026-03-12", 6))
        #expect(try fixture.count(Self.sessions) == 2)
    }

    @Test func aMovedSessionIsRemindedAgainButTheSameDateNeverTwice() throws {
        let fixture = try SchedulerFixture(pairs: 1)
        try fixture.agenda("p1", [("2026-03-12", 14)])
        _ = try fixture.scheduler.runDue(now: SchedulerFixture.at("2026-03-11", 6))
        // A new revision at another time on the same date: nothing new.
        try fixture.agenda("p1", [("2026-03-12", 16)])
        _ = try fixture.scheduler.runDue(now: SchedulerFixture.at("2026-03-11", 10))
        #expect(try fixture.count(Self.sessions) == 2)
        // Moved to the next day: reminded again when that falls due.
        try fixture.agenda("p1", [("2026-03-13", 14)])
        _ = try fixture.scheduler.runDue(now: SchedulerFixture.at("2026-03-11", 12))
        #expect(try fixture.count(Self.sessions) == 2)
        _ = try fixture.scheduler.runDue(now: SchedulerFixture.at("2026-03-12", 6))
        #expect(try fixture.count(Self.sessions) == 4)
        let reminders = try fixture.bodies(to: "mentee1@example.org").filter { $0.contains("next session") }
        #expect(reminders.count == 2 && reminders[1].contains("• 2026-03-13 at 14:00 with Mentor 1"))
    }

    @Test func theLeadIsConfigurable() throws {
        let early = try SchedulerFixture(pairs: 1, settings: ReminderSettings(sessionReminderDays: 3))
        try early.agenda("p1", [("2026-03-12", 14)])
        _ = try early.scheduler.runDue(now: SchedulerFixture.at("2026-03-08", 10))
        #expect(try early.count(Self.sessions) == 0)
        _ = try early.scheduler.runDue(now: SchedulerFixture.at("2026-03-09", 6))
        #expect(try early.count(Self.sessions) == 2)

        // Lead 0: on the day, only before the session starts (14:00 local = 12:00 UTC).
        let sameDay = try SchedulerFixture(pairs: 2, settings: ReminderSettings(sessionReminderDays: 0))
        try sameDay.agenda("p1", [("2026-03-12", 14)])
        try sameDay.agenda("p2", [("2026-03-11", 14)])
        _ = try sameDay.scheduler.runDue(now: SchedulerFixture.at("2026-03-11", 12))
        #expect(try sameDay.count(Self.sessions) == 0)
        _ = try sameDay.scheduler.runDue(now: SchedulerFixture.at("2026-03-12", 11, 59))
        #expect(try sameDay.count(Self.sessions) == 2)
        #expect(try sameDay.bodies(to: "mentee1@example.org").contains { $0.contains("• 2026-03-12 at 14:00") })
    }

    @Test func didYouMeetIsAskedTheNextMorningUnlessLoggedWithinADayOrCancelled() throws {
        let fixture = try SchedulerFixture(pairs: 4)
        for pair in ["p1", "p2", "p3", "p4"] { try fixture.agenda(pair, [("2026-03-10", 14)]) }
        try fixture.log("mentor1@example.org", on: "2026-03-11")  // within a day: that was the session
        try fixture.log("mentee2@example.org", on: "2026-03-12")  // two days later: another meeting
        try fixture.database.write { connection in
            let pair = try #require(try connection.query("SELECT id FROM pairs WHERE label = 'p3'").first?.int64("id"))
            let person = try #require(
                try ParticipantRepository(connection).find(channel: .email, address: "mentee3@example.org"))
            try SessionCancellationRepository(connection).cancel(
                programmeID: fixture.programme.id, pairID: pair, date: "2026-03-10", participantID: person.id,
                sourceMessageID: nil, now: 0)
        }
        _ = try fixture.scheduler.runDue(now: SchedulerFixture.at("2026-03-10", 18))
        _ = try fixture.scheduler.runDue(now: SchedulerFixture.at("2026-03-11", 5, 59))
        #expect(try fixture.count(Self.questions) == 0)
        _ = try fixture.scheduler.runDue(now: SchedulerFixture.at("2026-03-11", 6))
        let asked = try fixture.database.read { connection in
            try connection.query("""
                SELECT p.name FROM reminders_sent AS r JOIN participants AS p ON p.id = r.participant_id
                WHERE r.kind = 'did_you_meet' AND r.outbox_id IS NOT NULL ORDER BY p.name
                """).map { $0.string("name") }
        }
        #expect(asked == ["Mentee 2", "Mentee 4", "Mentor 2", "Mentor 4"])
        #expect(try fixture.bodies(to: "mentee4@example.org").contains(
            "Hello Mentee 4! Your session with Mentor 4 was planned for 2026-03-10 at 14:00, and nothing is logged "
                + "for it yet.\nDid you meet on 2026-03-10? Reply \"met\" (or \"yes\") to log it, or \"cancelled\" "
                + "(or \"no\") if it did not take place.\n1. met\n2. cancelled"))
        #expect(try fixture.bodies(to: "mentor4@example.org").contains { $0.contains("görüştünüz mü?") })
        let state = try fixture.conversation("mentee4@example.org")
        #expect(state.flow == "did_you_meet" && state.state == "outcome")
        #expect(state.slots["date"] == .date(try #require(CalendarDate(iso: "2026-03-10"))))
        _ = try fixture.scheduler.runDue(now: SchedulerFixture.at("2026-03-12", 8))
        #expect(try fixture.count(Self.questions) == 4)
    }

    @Test func aPersonInTheMiddleOfAFlowIsAskedOnceItIsOver() throws {
        let fixture = try SchedulerFixture(pairs: 1)
        try fixture.agenda("p1", [("2026-03-10", 14)])
        try fixture.busy("mentee1@example.org", in: "log_session", now: SchedulerFixture.at("2026-03-11", 5))
        _ = try fixture.scheduler.runDue(now: SchedulerFixture.at("2026-03-11", 6))
        #expect(try fixture.count(Self.questions) == 1)
        #expect(try fixture.conversation("mentee1@example.org").flow == "log_session")
        // The unfinished log expires after 24 h; the next pass asks.
        _ = try fixture.scheduler.runDue(now: SchedulerFixture.at("2026-03-12", 5))
        #expect(try fixture.count(Self.questions) == 1)
        _ = try fixture.scheduler.runDue(now: SchedulerFixture.at("2026-03-12", 6))
        #expect(try fixture.count(Self.questions) == 2)
        #expect(try fixture.conversation("mentee1@example.org").flow == "did_you_meet")
    }

    @Test func oneSessionIsAskedAboutAtATimeOldestFirst() throws {
        let fixture = try SchedulerFixture(pairs: 1)
        try fixture.agenda("p1", [("2026-03-09", 14), ("2026-03-10", 14)])
        _ = try fixture.scheduler.runDue(now: SchedulerFixture.at("2026-03-11", 6))
        let periods = "SELECT COUNT(*) AS n FROM reminders_sent WHERE kind = 'did_you_meet' AND period = ?"
        #expect(try fixture.count(periods, ["2026-03-09"]) == 2 && fixture.count(periods, ["2026-03-10"]) == 0)
        // Unanswered, the question stays open for 48 hours; then the next session is asked about.
        _ = try fixture.scheduler.runDue(now: SchedulerFixture.at("2026-03-13", 6))
        #expect(try fixture.count(periods, ["2026-03-10"]) == 0)
        _ = try fixture.scheduler.runDue(now: SchedulerFixture.at("2026-03-13", 8))
        #expect(try fixture.count(periods, ["2026-03-10"]) == 2)
    }

    @Test func quietHoursComeFromTheSettings() throws {
        let fixture = try SchedulerFixture(
            pairs: 1, settings: ReminderSettings(quietHours: try QuietHours(parsing: "23:00-06:00")))
        // 21:30 local is not quiet any more; 23:30 is.
        #expect(try fixture.scheduler.runDue(now: SchedulerFixture.at("2026-03-19", 21, 30)) == SchedulerRun())
        #expect(try fixture.scheduler.runDue(now: SchedulerFixture.at("2026-03-19", 19, 30)).reminders > 0)
    }
}

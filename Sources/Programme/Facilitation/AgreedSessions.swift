import Engine
import Store

/// A programme's agreed sessions (the dates of each pair's newest agenda) and what became of them: a session is
/// settled once the pair logged a meeting within a day of its date, or said it was cancelled. Read with one query
/// per table for the whole programme.
struct AgreedSessions {
    let sessions: [ReminderRepository.AgreedSession]
    let logged: Set<ReminderRepository.LoggedDate>
    let cancelled: Set<SessionCancellationRepository.Cancelled>

    /// Days after a session's date in which "did you meet?" is still asked (after a long outage, older sessions are
    /// left to "who is behind").
    static let askWithinDays = 7

    /// Reads the agreed sessions and, for settling those dated `from`...`to`, the logs within a day of that range.
    init(programmeID: Int64, from: CalendarDate, to: CalendarDate, connection: Connection) throws {
        let reads = ReminderRepository(connection)
        sessions = try reads.agreedSessions(programmeID: programmeID)
        logged = try reads.loggedDates(programmeID: programmeID, from: from.adding(days: -1), to: to.adding(days: 1))
        cancelled = try SessionCancellationRepository(connection).cancelled(programmeID: programmeID)
    }

    /// Whether the pair logged a meeting within a day of `date` or cancelled the session (`date` must lie in the
    /// range the logs were read for).
    func isSettled(pairID: Int64, date: CalendarDate) -> Bool {
        cancelled.contains(.init(pairID: pairID, date: date.iso))
            || (-1...1).contains { logged.contains(.init(pairID: pairID, date: date.adding(days: $0))) }
    }

    /// Sessions to remind of at local `today` and `minutes` past midnight: from `leadDays` before the date until
    /// the session starts, unless cancelled.
    func upcoming(today: CalendarDate, minutes: Int, leadDays: Int) -> [ReminderRepository.AgreedSession] {
        sessions.filter { session in
            let days = session.date.daysSinceEpoch - today.daysSinceEpoch
            guard days >= 0, days <= leadDays else { return false }
            guard days > 0 || minutes < Self.minutes(session.time) else { return false }
            return !cancelled.contains(.init(pairID: session.pairID, date: session.date.iso))
        }
    }

    /// Sessions whose date has passed (at most `askWithinDays` ago) and that are not settled, oldest first.
    func unanswered(today: CalendarDate) -> [ReminderRepository.AgreedSession] {
        sessions.filter { session in
            let days = today.daysSinceEpoch - session.date.daysSinceEpoch
            return days >= 1 && days <= Self.askWithinDays && !isSettled(pairID: session.pairID, date: session.date)
        }.sorted { $0.date < $1.date }
    }

    /// Minutes since midnight of a stored `HH:MM` (a malformed time counts as midnight).
    private static func minutes(_ time: String) -> Int {
        let parts = time.split(separator: ":").compactMap { Int($0) }
        return parts.count == 2 ? parts[0] * 60 + parts[1] : 0
    }
}

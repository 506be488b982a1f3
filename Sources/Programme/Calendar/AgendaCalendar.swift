import Engine
import Store

/// A pair's agreed sessions as an iCalendar file (RFC 5545, `METHOD:PUBLISH`) that people add to their calendar:
/// one VEVENT per session of the newest agenda revision, and a cancelled VEVENT for each session an earlier
/// revision had and the newest one dropped. A session's UID follows the pair and its number, so a calendar that
/// imported an earlier file updates the event instead of adding a second one; its SEQUENCE counts the revisions
/// that changed it. Times are wall-clock times in the programme's zone, described by a VTIMEZONE.
public struct AgendaCalendar: Sendable {
    /// The file name people see.
    public static let filename = "mentoring-sessions.ics"
    /// The media type of the file (RFC 5545 §8.1).
    public static let mediaType = "text/calendar; charset=utf-8; method=PUBLISH"

    /// Every revision of the pair's agenda, oldest first; the last one is the agreed agenda.
    public let revisions: [AgendaRepository.Agenda]
    /// The IANA zone the session times are in (the programme's); UTC when the system does not know it.
    public let timeZone: String
    /// How long a session lasts.
    public let sessionMinutes: Int
    /// When the file is made (its DTSTAMP), epoch milliseconds.
    public let now: Int64

    public init(revisions: [AgendaRepository.Agenda], timeZone: String, sessionMinutes: Int, now: Int64) {
        self.revisions = revisions
        self.timeZone = timeZone
        self.sessionMinutes = max(1, sessionMinutes)
        self.now = now
    }

    /// A session's stable UID: the same in every file Tandem sends the pair.
    static func uid(pairID: Int64, session number: Int) -> String { "agenda-\(pairID)-\(number)@tandem" }

    /// The file, with each event's SUMMARY from `summary(number, count)` and the same DESCRIPTION on every event.
    public func render(summary: (_ number: Int, _ count: Int) -> String, description: String) -> [UInt8] {
        let zone = ICalendarTimeZone(identifier: timeZone) ?? ICalendarTimeZone.utc
        let tracks = tracks()
        let events = tracks.map { track in
            event(track, zone: zone.identifier, summary: summary(track.number, track.shown.count),
                  description: description)
        }
        let years = tracks.flatMap { track in
            [track.shown.session.date.year, ending(of: track.shown.session, zone.identifier).date.year]
        }
        var calendar = ICalendarComponent("VCALENDAR", properties: [
            ICalendarProperty("PRODID", "-//Tandem//Mentoring agenda//EN"), ICalendarProperty("VERSION", "2.0"),
            ICalendarProperty("CALSCALE", "GREGORIAN"), ICalendarProperty("METHOD", "PUBLISH"),
        ])
        if let first = years.min(), let last = years.max() {
            calendar.components.append(zone.component(years: first...last))
        }
        calendar.components += events
        return calendar.bytes
    }

    // MARK: - Sessions across revisions

    /// What an event shows; a change in any of it between revisions is a new SEQUENCE.
    private struct Occurrence: Equatable {
        let session: AgendaRepository.Session
        let count: Int
        let topics: [String]
        let notes: String?
    }

    /// One session number followed through the revisions.
    private struct Track {
        let number: Int
        var sequence = 0
        /// In the newest revision so far, or nil when that revision dropped it.
        var current: Occurrence?
        /// The newest occurrence it had (what a cancelled event still shows).
        var shown: Occurrence
    }

    private func tracks() -> [Track] {
        var tracks: [Int: Track] = [:]
        for revision in revisions {
            var occurrences: [Int: Occurrence] = [:]
            for (index, session) in revision.sessions.enumerated() {
                occurrences[index + 1] = Occurrence(
                    session: session, count: revision.sessions.count, topics: revision.topics, notes: revision.notes)
            }
            for number in Set(tracks.keys).union(occurrences.keys) {
                let occurrence = occurrences[number]
                guard var track = tracks[number] else {
                    if let occurrence { tracks[number] = Track(number: number, current: occurrence, shown: occurrence) }
                    continue
                }
                if track.current != occurrence { track.sequence += 1 }
                track.current = occurrence
                if let occurrence { track.shown = occurrence }
                tracks[number] = track
            }
        }
        return tracks.values.sorted { $0.number < $1.number }
    }

    // MARK: - Events

    private func event(_ track: Track, zone: String, summary: String, description: String) -> ICalendarComponent {
        let pairID = revisions.last?.pairID ?? 0
        let session = track.shown.session
        let end = ending(of: session, zone)
        let zoneParameter = [ICalendarProperty.Parameter("TZID", zone)]
        var properties = [
            ICalendarProperty("UID", Self.uid(pairID: pairID, session: track.number)),
            ICalendarProperty("DTSTAMP", ICalendarFormat.utcDateTime(now)),
            ICalendarProperty("SEQUENCE", String(track.sequence)),
            ICalendarProperty("STATUS", track.current == nil ? "CANCELLED" : "CONFIRMED"),
            ICalendarProperty(
                "DTSTART", zoneParameter,
                ICalendarFormat.localDateTime(session.date, minutes: session.time.minutesSinceMidnight)),
            ICalendarProperty("DTEND", zoneParameter, ICalendarFormat.localDateTime(end.date, minutes: end.minutes)),
            .text("SUMMARY", summary),
        ]
        if !description.isEmpty { properties.append(.text("DESCRIPTION", description)) }
        return ICalendarComponent("VEVENT", properties: properties)
    }

    /// The wall-clock end of a session: its start plus its length in real time (right across a DST change).
    private func ending(of session: AgendaRepository.Session, _ zone: String) -> ProgrammeTime {
        let start = ProgrammeTime.instant(session.date, session.time, timeZone: zone)
        return ProgrammeTime(start + Int64(sessionMinutes) * 60_000, timeZone: zone)
    }
}

import Engine
import Foundation

/// The VTIMEZONE (RFC 5545 §3.6.5) of an IANA zone, generated from the system's time zone database: the
/// observance in force when the covered years begin, then one STANDARD or DAYLIGHT observance per transition
/// (each with its exact onset, so no recurrence rule has to describe the zone's history).
public struct ICalendarTimeZone: Sendable {
    /// The TZID: the IANA identifier (`Europe/Sofia`).
    public let identifier: String
    private let zone: TimeZone

    /// The zone `identifier`, or nil when the system does not know it.
    public init?(identifier: String) {
        guard let zone = TimeZone(identifier: identifier) else { return nil }
        self.identifier = identifier
        self.zone = zone
    }

    /// Most years one VTIMEZONE covers (an agenda spans at most a year or two).
    static let maxYears = 10

    /// The VTIMEZONE valid for every instant from 1 January of the first year to 31 December of the last.
    public func component(years: ClosedRange<Int>) -> ICalendarComponent {
        let last = min(years.upperBound, years.lowerBound + Self.maxYears - 1)
        // A day's margin on both sides covers every UTC offset.
        let start = Int64(CalendarDate(year: years.lowerBound, month: 1, day: 1)?.daysSinceEpoch ?? 0) * 86_400
            - 86_400
        let end = Int64(CalendarDate(year: last, month: 12, day: 31)?.daysSinceEpoch ?? 0) * 86_400 + 2 * 86_400
        let initial = offset(at: start)
        var observances = [observance(onset: start + Int64(initial), from: initial, to: initial, at: start)]
        var cursor = Date(timeIntervalSince1970: Double(start))
        while let transition = zone.nextDaylightSavingTimeTransition(after: cursor),
              transition.timeIntervalSince1970 < Double(end) {
            let second = Int64(transition.timeIntervalSince1970.rounded())
            let from = offset(at: second - 1)
            let to = offset(at: second)
            if from != to {
                observances.append(observance(onset: second + Int64(from), from: from, to: to, at: second))
            }
            cursor = transition
        }
        return ICalendarComponent(
            "VTIMEZONE", properties: [ICalendarProperty("TZID", identifier)], components: observances)
    }

    private func offset(at second: Int64) -> Int {
        zone.secondsFromGMT(for: Date(timeIntervalSince1970: Double(second)))
    }

    /// One observance: `onset` is the local wall-clock time (in seconds) of its start, read in the old offset.
    private func observance(onset: Int64, from: Int, to: Int, at second: Int64) -> ICalendarComponent {
        let instant = Date(timeIntervalSince1970: Double(second))
        var properties = [
            ICalendarProperty("DTSTART", ICalendarFormat.wallClock(onset)),
            ICalendarProperty("TZOFFSETFROM", ICalendarFormat.utcOffset(from)),
            ICalendarProperty("TZOFFSETTO", ICalendarFormat.utcOffset(to)),
        ]
        if let name = zone.abbreviation(for: instant) { properties.append(.text("TZNAME", name)) }
        return ICalendarComponent(
            zone.isDaylightSavingTime(for: instant) ? "DAYLIGHT" : "STANDARD", properties: properties)
    }
}

extension ICalendarTimeZone {
    /// UTC, for a programme whose zone the system does not know.
    static let utc: ICalendarTimeZone = {
        guard let zone = ICalendarTimeZone(identifier: "UTC") else { preconditionFailure("the system has no UTC zone") }
        return zone
    }()
}

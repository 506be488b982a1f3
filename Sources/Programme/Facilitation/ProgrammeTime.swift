import Engine
import Foundation

/// Converts between instants (epoch milliseconds) and wall-clock time in a programme's time zone.
public struct ProgrammeTime: Sendable, Hashable {
    /// The local calendar date.
    public let date: CalendarDate
    /// Minutes since local midnight.
    public let minutes: Int

    /// The local date and time of `instant` in the zone `identifier` (UTC if unknown).
    public init(_ instant: Int64, timeZone identifier: String) {
        let local = instant / 1000 + Self.offset(Self.zone(identifier), atSecond: instant / 1000)
        let days = local >= 0 ? local / 86_400 : (local - 86_399) / 86_400
        date = CalendarDate(daysSinceEpoch: Int(days))
        minutes = Int((local - days * 86_400) / 60)
    }

    /// `YYYY-MM-DD HH:MM`.
    public var text: String { date.iso + " " + String(format: "%02d:%02d", minutes / 60, minutes % 60) }

    /// The instant at which the zone's clock shows `time` on `date`.
    public static func instant(_ date: CalendarDate, _ time: ClockTime, timeZone identifier: String) -> Int64 {
        let wall = (Int64(date.daysSinceEpoch) * 1440 + Int64(time.minutesSinceMidnight)) * 60
        let zone = zone(identifier)
        return (wall - offset(zone, atSecond: wall - offset(zone, atSecond: wall))) * 1000
    }

    private static func offset(_ zone: TimeZone, atSecond second: Int64) -> Int64 {
        Int64(zone.secondsFromGMT(for: Date(timeIntervalSince1970: Double(second))))
    }

    private static func zone(_ identifier: String) -> TimeZone {
        TimeZone(identifier: identifier) ?? TimeZone(secondsFromGMT: 0) ?? .current
    }
}

import Engine
import Foundation

/// The service's source of time, injected so transcripts and tests control it.
public struct Clock: Sendable {
    /// Now, in epoch milliseconds.
    public let now: @Sendable () -> Int64

    public init(now: @escaping @Sendable () -> Int64) { self.now = now }

    /// The machine's clock.
    public static let system = Clock { Int64(Date().timeIntervalSince1970 * 1000) }

    /// The calendar date at `epochMilliseconds` in the time zone `identifier` (UTC if unknown).
    public static func localDate(_ epochMilliseconds: Int64, timeZone identifier: String) -> CalendarDate {
        let zone = TimeZone(identifier: identifier) ?? TimeZone(identifier: "UTC")!
        let date = Date(timeIntervalSince1970: Double(epochMilliseconds) / 1000)
        let offset = Int64(zone.secondsFromGMT(for: date))
        let localSeconds = epochMilliseconds / 1000 + offset
        let days = Int(localSeconds >= 0 ? localSeconds / 86_400 : (localSeconds - 86_399) / 86_400)
        return CalendarDate(daysSinceEpoch: days)
    }
}

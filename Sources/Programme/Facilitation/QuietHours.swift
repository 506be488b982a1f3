import Foundation

/// Hours in which the scheduler sends no reminders (local time of the programme); what falls due then waits for
/// the end of the quiet hours. Default 21:00–08:00; equal start and end means no quiet hours.
public struct QuietHours: Sendable, Hashable, CustomStringConvertible {
    /// Minutes since midnight when quiet begins and ends (start > end spans midnight).
    public let start: Int
    public let end: Int

    public init(start: Int = 21 * 60, end: Int = 8 * 60) {
        self.start = start
        self.end = end
    }

    /// Reads `HH:MM-HH:MM` (e.g. `21:00-08:00`, spanning midnight; `00:00-00:00` for none).
    public init(parsing text: String) throws(QuietHoursError) {
        let ends = text.split(separator: "-", omittingEmptySubsequences: false)
            .map { $0.trimmingCharacters(in: .whitespaces) }
        guard ends.count == 2, let start = Self.minutes(ends[0]), let end = Self.minutes(ends[1]) else {
            throw QuietHoursError(text: text)
        }
        self.init(start: start, end: end)
    }

    /// Whether `minutes` since local midnight fall in the quiet hours.
    public func contains(_ minutes: Int) -> Bool {
        start <= end ? (minutes >= start && minutes < end) : (minutes >= start || minutes < end)
    }

    /// `HH:MM-HH:MM`.
    public var description: String { Self.clock(start) + "-" + Self.clock(end) }

    /// Minutes since midnight of `H:MM` or `HH:MM` (00:00–23:59).
    private static func minutes(_ text: String) -> Int? {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, (1...2).contains(parts[0].count), parts[1].count == 2,
              parts.allSatisfy({ $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }),
              let hour = Int(parts[0]), let minute = Int(parts[1]), hour < 24, minute < 60
        else { return nil }
        return hour * 60 + minute
    }

    private static func clock(_ minutes: Int) -> String {
        let hour = minutes / 60, minute = minutes % 60
        return (hour < 10 ? "0" : "") + String(hour) + ":" + (minute < 10 ? "0" : "") + String(minute)
    }
}

/// Hours in which the scheduler sends no reminders (local time of the programme); what falls due then waits for
/// the end of the quiet hours. Default 21:00–08:00.
public struct QuietHours: Sendable, Hashable {
    /// Minutes since midnight when quiet begins and ends (start > end spans midnight).
    public let start: Int
    public let end: Int

    public init(start: Int = 21 * 60, end: Int = 8 * 60) {
        self.start = start
        self.end = end
    }

    /// Whether `minutes` since local midnight fall in the quiet hours.
    public func contains(_ minutes: Int) -> Bool {
        start <= end ? (minutes >= start && minutes < end) : (minutes >= start || minutes < end)
    }
}

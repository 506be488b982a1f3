/// How the scheduler's reminders behave, from the configuration (`scheduler.*`).
public struct ReminderSettings: Sendable, Hashable {
    /// When nothing is sent.
    public var quietHours: QuietHours
    /// Days before an agreed session its peers are reminded (0: on the day, before it starts).
    public var sessionReminderDays: Int

    public init(quietHours: QuietHours = QuietHours(), sessionReminderDays: Int = 1) {
        self.quietHours = quietHours
        self.sessionReminderDays = sessionReminderDays
    }
}

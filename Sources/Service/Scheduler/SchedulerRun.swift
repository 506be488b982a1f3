/// What one scheduler pass did.
public struct SchedulerRun: Sendable, Hashable {
    /// Scheduled broadcasts sent.
    public var broadcasts = 0
    /// Reminder messages queued (one per person and kind at most).
    public var reminders = 0
    /// Files deleted because nothing needs them any more.
    public var files = 0

    public init(broadcasts: Int = 0, reminders: Int = 0, files: Int = 0) {
        self.broadcasts = broadcasts
        self.reminders = reminders
        self.files = files
    }
}

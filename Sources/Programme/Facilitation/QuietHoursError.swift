/// Quiet hours written in another form than `HH:MM-HH:MM`.
public struct QuietHoursError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What was given.
    public let text: String

    public var description: String {
        "quiet hours must be HH:MM-HH:MM in the programme's local time (e.g. 21:00-08:00; 00:00-00:00 for none), "
            + "not \"\(text)\""
    }
}

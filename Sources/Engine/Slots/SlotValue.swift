/// A typed answer to one question of a flow.
public enum SlotValue: Sendable, Hashable, Codable {
    case text(String)
    /// The id of the chosen option (not its translated label).
    case choice(String)
    case yesno(Bool)
    case integer(Int)
    case date(CalendarDate)
    case time(ClockTime)
    /// A length of time in whole minutes.
    case duration(minutes: Int)
    case money(Money)
    case attachments([AttachmentRef])
    case list([String])
}

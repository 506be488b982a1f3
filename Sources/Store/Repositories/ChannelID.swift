/// A channel: one way Tandem reaches people (the terminal, Matrix, email), as stored with every address,
/// conversation, inbound message and outbox row. Domain code names channels by these values, never by raw text.
///
/// The built-in channels are named here because domain code chooses between them (an enrolment's Matrix ID and
/// email address, a supervisor's email). Another channel names its own in its folder
/// (`extension ChannelID { static let sms = ChannelID("sms") }`) and registers itself in the service
/// (`ChannelRegistry`).
public struct ChannelID: RawRepresentable, Hashable, Comparable, Sendable, CustomStringConvertible, SQLBindable {
    /// The name stored in the `channel` columns and shown in metrics labels (`matrix`).
    public let rawValue: String

    public init(rawValue: String) { self.rawValue = rawValue }

    /// A channel by its stored name.
    public init(_ name: String) { self.init(rawValue: name) }

    /// The terminal (`tandem chat`, transcripts): the embedded channel, no server needed.
    public static let console = ChannelID("console")
    /// Matrix, through the application-service API.
    public static let matrix = ChannelID("matrix")
    /// Email: a webhook in, SMTP out.
    public static let email = ChannelID("email")

    public var description: String { rawValue }
    public var sqlValue: SQLValue { .text(rawValue) }

    public static func < (lhs: ChannelID, rhs: ChannelID) -> Bool { lhs.rawValue < rhs.rawValue }
}

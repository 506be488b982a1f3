/// A broadcast as stored: who sent what to whom, and when.
public struct BroadcastRecord: Sendable, Hashable {
    /// Whom a broadcast addresses within the programme.
    public enum Audience: String, Sendable, Hashable {
        /// Every pair the author may reach.
        case everyone
        /// The pairs of one cohort (`target` is its name).
        case cohort
        /// One pair (`target` is its label).
        case pair
    }

    /// Where a broadcast is in its life.
    public enum Status: String, Sendable, Hashable {
        case draft, scheduled, sent, discarded
    }

    public let id: Int64
    public let programmeID: Int64
    public let authorID: Int64
    public let audience: Audience
    public let target: String?
    /// The pair roles reached (`mentee`, `mentor`).
    public let roles: [String]
    /// The text to send; nil means each recipient's next step.
    public let body: String?
    /// When it is (or was) due, epoch milliseconds.
    public let sendAt: Int64
    public let status: Status
    public let createdAt: Int64

    public init(
        id: Int64, programmeID: Int64, authorID: Int64, audience: Audience, target: String?, roles: [String],
        body: String?, sendAt: Int64, status: Status, createdAt: Int64
    ) {
        self.id = id
        self.programmeID = programmeID
        self.authorID = authorID
        self.audience = audience
        self.target = target
        self.roles = roles
        self.body = body
        self.sendAt = sendAt
        self.status = status
        self.createdAt = createdAt
    }
}

/// A room the bot was invited to, made, or is in, as Tandem knows it now.
public struct MatrixRoom: Sendable, Hashable {
    public let roomID: String
    public let invitedBy: String
    /// What the invite said (`is_direct`); only a hint, used while the members are not known.
    public let isDirect: Bool
    public let encrypted: Bool
    public let warnedEncrypted: Bool
    /// The bot's own membership: `invite`, `join`, `leave` or `ban`.
    public let botMembership: String
    /// The one person in the room besides the bot, when it is that person's direct chat; nil for a group room.
    public let directUser: String?

    /// Whether the room is a direct chat with `userID`.
    public func isDirect(with userID: String) -> Bool { directUser == userID }
}

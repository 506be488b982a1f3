/// What one Matrix event means for Tandem.
public enum MatrixInput: Sendable, Hashable {
    /// Someone said something to the bot (text, or a file/image with `media`).
    case message(MatrixMessage)
    /// The bot was invited to a room; `encrypted` when the invite's room state shows end-to-end encryption.
    case invite(roomID: String, inviter: String, isDirect: Bool, encrypted: Bool)
    /// Someone's membership of a room changed (`join`, `invite`, `leave`, `ban`, `knock`) — the bot's own too
    /// (then `userID` is the bot's).
    case membership(roomID: String, userID: String, membership: String)
    /// The room announced end-to-end encryption (state event `m.room.encryption`).
    case encryptionEnabled(roomID: String)
    /// An encrypted message the bot cannot read.
    case encrypted(roomID: String, sender: String)
    /// Nothing to do, and why (for logs and metrics).
    case ignore(String)
}

/// A message event addressed to the bot.
public struct MatrixMessage: Sendable, Hashable {
    public let eventID: String
    public let roomID: String
    public let sender: String
    /// The text, with a leading `!tandem` or mention of the bot (and a reply's quote) removed.
    public let text: String
    /// For `m.image` / `m.file`: the file to download.
    public let media: MatrixMedia?
    /// For an edit (`m.replace`): the event ID of the message it edits; `text` is what that message says now.
    public let replaces: String?

    public init(eventID: String, roomID: String, sender: String, text: String, media: MatrixMedia?,
                replaces: String? = nil) {
        self.eventID = eventID
        self.roomID = roomID
        self.sender = sender
        self.text = text
        self.media = media
        self.replaces = replaces
    }
}

/// A file attached to a message: its `mxc://` URL and what the sender said about it.
public struct MatrixMedia: Sendable, Hashable {
    public let url: String
    public let filename: String
    public let mimetype: String?
    public let size: Int?

    public init(url: String, filename: String, mimetype: String?, size: Int?) {
        self.url = url
        self.filename = filename
        self.mimetype = mimetype
        self.size = size
    }
}

import Engine
import Store

/// A message as a channel received it, before any processing: the unit that is de-duplicated and stored.
public struct InboundMessage: Sendable, Hashable {
    /// The channel it came through.
    public let channel: ChannelID
    /// The channel's own id for the message (Matrix event id, Message-ID): redeliveries share it.
    public let externalID: String
    /// Who sent it: the identity matched to a participant (Matrix user ID, email address, console name).
    public let sender: String
    /// Where replies go: the Matrix room, the email address, the console name. Defaults to the sender.
    public let conversation: String
    public let text: String
    /// The files that came with it, already stored by the channel under their content hash.
    public let attachments: [AttachmentRef]
    /// Whether the channel vouches that `sender` sent it: the homeserver for Matrix, the terminal's user; for email
    /// only a reply token Tandem sent to that address or a passing DMARC result from the trusted mail server.
    /// Sensitive flows (`sensitive: yes`) of an unverified conversation wait for a confirmation.
    public let verified: Bool
    /// The token of a held action this message may confirm (the `+tag` of Tandem's address an email was sent to),
    /// or nil.
    public let confirmation: String?
    /// Who else reads what is said where the message came from.
    public let audience: Audience

    /// Who reads a conversation's replies besides the sender.
    public enum Audience: Sendable, Hashable {
        /// Nobody else: a direct chat, an email, the terminal.
        case sender
        /// Others too (a Matrix group room): their addresses on the channel, as far as they are known.
        case group([String])
    }

    public init(
        channel: ChannelID, externalID: String, sender: String, conversation: String? = nil, text: String,
        attachments: [AttachmentRef] = [], verified: Bool = true, confirmation: String? = nil,
        audience: Audience = .sender
    ) {
        self.channel = channel
        self.externalID = externalID
        self.sender = sender
        self.conversation = conversation ?? sender
        self.text = text
        self.attachments = attachments
        self.verified = verified
        self.confirmation = confirmation
        self.audience = audience
    }

    /// The sender's domain, lowercased: the server of a Matrix ID (`@ana:example.org`), the domain of an email
    /// address; empty for other senders (a console name).
    public var senderDomain: String {
        if sender.hasPrefix("@"), let colon = sender.firstIndex(of: ":") {
            return String(sender[sender.index(after: colon)...]).lowercased()
        }
        guard let at = sender.lastIndex(of: "@") else { return "" }
        return String(sender[sender.index(after: at)...]).lowercased()
    }
}

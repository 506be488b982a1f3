import Store

extension ActionContext {
    /// A conversation's outbox destination: where the speaker's replies go.
    public struct ReplyPlace: Sendable, Hashable {
        public let conversationID: Int64
        public let channel: ChannelID
        public let address: String

        public init(conversationID: Int64, channel: ChannelID, address: String) {
            self.conversationID = conversationID
            self.channel = channel
            self.address = address
        }
    }

    /// Queues a reply that carries files to the speaker now, ahead of the replies the action returns: to the
    /// conversation the message came from, or (outside one) wherever the speaker is reached. False if unreachable.
    public func reply(_ text: String, attachments: [OutboxFile]) throws -> Bool {
        guard let replyPlace else { return try send(text, toParticipant: participantID, attachments: attachments) }
        try OutboxRepository(connection).enqueue(
            conversationID: replyPlace.conversationID, channel: replyPlace.channel, address: replyPlace.address,
            body: text, attachments: attachments, now: now)
        return true
    }

    /// Queues `text` to the participant's private place (``BroadcastAddressBook``): their newest direct chat, email
    /// or terminal conversation — never a group room — or a direct chat the Matrix transport opens, or their email
    /// address. False if they cannot be reached.
    @discardableResult
    func send(_ text: String, toParticipant participantID: Int64, attachments: [OutboxFile]) throws -> Bool {
        guard let place = try BroadcastAddressBook(connection).place(of: participantID),
              let channel = place.channel, let address = place.address
        else { return false }
        try OutboxRepository(connection).enqueue(
            conversationID: place.conversationID, channel: channel, address: address, body: text,
            attachments: attachments, now: now)
        return true
    }
}

import Store

extension ActionContext {
    /// A conversation's outbox destination: where the speaker's replies go.
    public struct ReplyPlace: Sendable, Hashable {
        public let conversationID: Int64
        public let channel: String
        public let address: String

        public init(conversationID: Int64, channel: String, address: String) {
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

    /// Queues `text` to wherever the participant last talked to Tandem (their newest conversation), or to their
    /// email address if they never did. False if they cannot be reached.
    @discardableResult
    func send(_ text: String, toParticipant participantID: Int64, attachments: [OutboxFile]) throws -> Bool {
        guard let place = try place(ofParticipant: participantID) else { return false }
        try OutboxRepository(connection).enqueue(
            conversationID: place.conversationID, channel: place.channel, address: place.address, body: text,
            attachments: attachments, now: now)
        return true
    }

    /// Where a participant is reached: their newest conversation, else their email address (no conversation yet).
    func place(ofParticipant participantID: Int64) throws
        -> (conversationID: Int64?, channel: String, address: String)?
    {
        if let row = try connection.query("""
            SELECT id, channel, address FROM conversations WHERE participant_id = ? ORDER BY updated_at DESC LIMIT 1
            """, [participantID]).first {
            return (row.int64("id"), row.string("channel"), row.string("address"))
        }
        return try connection.query(
            "SELECT address FROM addresses WHERE participant_id = ? AND channel = 'email'", [participantID]
        ).first.map { (nil, "email", $0.string("address")) }
    }
}

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
        let place = try connection.query("""
            SELECT id, channel, address FROM conversations WHERE participant_id = ? ORDER BY updated_at DESC LIMIT 1
            """, [participantID]).first
        if let place {
            try OutboxRepository(connection).enqueue(
                conversationID: place.int64("id"), channel: place.string("channel"), address: place.string("address"),
                body: text, attachments: attachments, now: now)
            return true
        }
        guard let email = try connection.query(
            "SELECT address FROM addresses WHERE participant_id = ? AND channel = 'email'", [participantID]
        ).first?.string("address") else { return false }
        try OutboxRepository(connection).enqueue(
            conversationID: nil, channel: "email", address: email, body: text, attachments: attachments, now: now)
        return true
    }
}

extension Schema {
    /// Indexes the hot paths need (issue 9: inbound throughput).
    static let performance: [Migration] = [conversationsByParticipant]

    static let conversationsByParticipant = Migration(
        version: 60, name: "conversations by participant, newest first", sql: """
        -- Notifying someone finds the conversation they used last (ActionContext.notify): without this index every
        -- notice scanned the whole conversations table. Not on updated_at too: every message changes that, and
        -- the few conversations of one participant sort at once.
        CREATE INDEX conversations_participant ON conversations(participant_id);
        """)
}

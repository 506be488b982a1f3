extension Schema {
    /// Indexes the hot paths need (issue 9: inbound throughput).
    static let performance: [Migration] = [conversationsByParticipant]
    /// Issue 17's (110–119), listed after the areas numbered below them.
    static let performanceUnderLoad: [Migration] = [sentEmailOnly]

    static let conversationsByParticipant = Migration(
        version: 60, name: "conversations by participant, newest first", sql: """
        -- Notifying someone finds the conversation they used last (ActionContext.notify): without this index every
        -- notice scanned the whole conversations table. Not on updated_at too: every message changes that, and
        -- the few conversations of one participant sort at once.
        CREATE INDEX conversations_participant ON conversations(participant_id);
        """)

    static let sentEmailOnly = Migration(version: 110, name: "sent rows indexed for email only", sql: """
        -- Only email asks how much went to an address lately (its hourly limit per address). Indexing every sent
        -- Matrix reply too cost a page written per delivered reply under load (issue 17) and grew without end.
        DROP INDEX outbox_sent;
        CREATE INDEX outbox_sent_email ON outbox(address, sent_at) WHERE status = 'sent' AND channel = 'email';
        """)
}

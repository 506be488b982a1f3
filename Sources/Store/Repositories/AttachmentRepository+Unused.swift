extension AttachmentRepository {
    /// Deletes the files nothing needs any more among those received before `before` (epoch ms), the moment every
    /// flow last answered earlier has expired: first the receipts of drafts dropped before then, then every such
    /// file no claim, document, conversation active since then or held action refers to. Returns how many files
    /// were deleted.
    @discardableResult
    public func deleteUnused(before: Int64) throws -> Int {
        try connection.run("""
            DELETE FROM expense_receipts WHERE claim_id IN (
                SELECT id FROM expense_claims WHERE status = 'dropped' AND updated_at < ?)
            """, [before])
        try connection.run("""
            DELETE FROM attachments
            WHERE created_at < ?
              AND NOT EXISTS (SELECT 1 FROM expense_receipts AS r WHERE r.sha256 = attachments.sha256)
              AND NOT EXISTS (SELECT 1 FROM documents AS d WHERE d.attachment_sha256 = attachments.sha256)
              AND NOT EXISTS (
                SELECT 1 FROM conversations AS c WHERE c.updated_at >= ? AND instr(c.state, attachments.sha256) > 0)
              AND NOT EXISTS (SELECT 1 FROM held_actions AS h WHERE instr(h.request, attachments.sha256) > 0)
            """, [before, before])
        return connection.changes
    }
}

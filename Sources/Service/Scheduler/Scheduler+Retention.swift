import Engine
import Store

extension Scheduler {
    /// The most outbox rows one pass looks at: after a restart the table is gone over again from its start, and
    /// the write that does it should stay short.
    public static let outboxChunk: Int64 = 50_000

    /// Drops the text of inbound messages older than the retention (their ids stay, for de-duplication), the text of
    /// delivered replies older than theirs (they repeat what people said), and the answers of expired flows whose
    /// messages are not kept (`keep messages: no`: an IBAN or a concern typed and then left unfinished), so none of
    /// it stays in the database.
    func forget(now: Int64) throws {
        try forgetDeliveredReplies(now: now)
        let privateFlows = engine.catalog.flows.filter { !$0.keepsMessages }
        let defaultMinutes = engine.defaultExpiryMinutes
        let expiry = { (flow: Flow) in Int64(flow.expiresAfterMinutes ?? defaultMinutes) * 60_000 }
        let cutoff = now - Int64(retentionMinutes) * 60_000
        try database.write { connection in
            try InboundRepository(connection).dropBodies(receivedBefore: cutoff)
            guard let shortest = privateFlows.map(expiry).min() else { return }
            let conversations = ConversationRepository(connection)
            for (id, state) in try conversations.openFlows(updatedBefore: now - shortest) {
                guard let flow = privateFlows.first(where: { $0.id == state.flow }),
                      now - state.updatedAt > expiry(flow)
                else { continue }
                try conversations.reset(id: id)
            }
        }
    }

    /// Drops the text of delivered rows queued before the outbox retention, the oldest first, at most
    /// ``outboxChunk`` rows a pass. A row still on its way then loses its text when it is delivered.
    private func forgetDeliveredReplies(now: Int64) throws {
        guard let minutes = outboxRetentionMinutes else { return }
        let floor = forgottenOutbox.withLock { $0 }
        let cutoff = now - Int64(minutes) * 60_000
        let last = try database.read { try OutboxRepository($0).lastID(queuedBefore: cutoff, after: floor) }
        let through = min(last, floor + Self.outboxChunk)
        guard through > floor else { return }
        _ = try database.write { try OutboxRepository($0).dropDeliveredBodies(after: floor, through: through) }
        forgottenOutbox.withLock { $0 = through }
    }
}

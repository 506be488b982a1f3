import Engine
import Store

extension Scheduler {
    /// Drops the text of inbound messages older than the retention (their ids stay, for de-duplication), and the
    /// answers of expired flows whose messages are not kept (`keep messages: no`: an IBAN or a concern typed and
    /// then left unfinished), so neither stays in the database.
    func forget(now: Int64) throws {
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
}

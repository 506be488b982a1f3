import Engine
import Store

/// `undo_last_record` ("undo"): takes back the last thing the speaker saved, if it was within the undo window
/// (`dialogs.undo_minutes`): a logged meeting, a check-in, an agenda revision or a draft claim. The pair's other
/// members are told when a shared record goes (a meeting, an agenda).
public struct UndoLast: FlowAction {
    public let name = "undo_last_record"
    /// How long after saving something it can still be undone.
    let windowMinutes: Int

    public var contract: ActionContract {
        ActionContract(texts: [
            "undo.log", "undo.feedback", "undo.agenda", "undo.claim", "undo.nothing", "log.removed_notice",
            "agenda.removed_notice",
        ])
    }

    public init(windowMinutes: Int) { self.windowMinutes = windowMinutes }

    /// One record the speaker saved, and how to take it back.
    private struct Saved {
        let at: Int64
        let undo: () throws -> String
    }

    public func run(_ request: ActionRequest, in context: ActionContext) throws -> [String] {
        let since = context.now - Int64(windowMinutes) * 60_000
        let saved = try candidates(context).filter { $0.at >= since }.max { $0.at < $1.at }
        guard let saved else { return [context.say("undo.nothing", ["minutes": String(windowMinutes)])] }
        return [try saved.undo()]
    }

    private func candidates(_ context: ActionContext) throws -> [Saved] {
        let me = context.participantID
        var found: [Saved] = []
        let log = LogEntryRepository(context.connection)
        if let (entry, at) = try log.latest(participantID: me), let id = entry.id {
            found.append(Saved(at: at) {
                try log.delete(id: id)
                try entry.notifyPeers("log.removed_notice", entry.arguments(context), in: context)
                return context.say("undo.log", entry.arguments(context))
            })
        }
        let feedback = FeedbackRepository(context.connection)
        if let last = try feedback.latest(participantID: me) {
            found.append(Saved(at: last.createdAt) {
                try feedback.delete(id: last.id)
                return context.say("undo.feedback", ["usefulness": String(last.usefulness)])
            })
        }
        let agendas = AgendaRepository(context.connection)
        if let last = try agendas.latest(authorID: me) {
            found.append(Saved(at: last.createdAt) {
                try agendas.delete(id: last.id)
                let name = try ParticipantRepository(context.connection).find(id: me)?.name ?? ""
                for peer in context.membership?.peers ?? [] where peer.pairID == last.pairID {
                    try context.notify(participantID: peer.participantID, "agenda.removed_notice", [
                        "name": name, "revision": String(last.revision),
                    ])
                }
                return context.say("undo.agenda", ["revision": String(last.revision)])
            })
        }
        if let programmeID = context.membership?.programme.id {
            let claims = ExpenseRepository(context.connection)
            if var draft = try claims.claims(participantID: me, programmeID: programmeID)
                .filter({ $0.status == .draft }).max(by: { $0.createdAt < $1.createdAt }) {
                found.append(Saved(at: draft.createdAt) {
                    draft.status = .dropped
                    try claims.update(draft, actorID: me, kind: "dropped", detail: "undone", now: context.now)
                    return context.say("undo.claim", ["claim": String(draft.id)])
                })
            }
        }
        return found
    }
}

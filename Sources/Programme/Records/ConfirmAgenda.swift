import Engine
import Store

/// `confirm_agenda` ("confirm agenda"): a pair member confirms the newest revision of the pair's agenda; its author
/// is told. Once every member has confirmed it, the agenda form goes to the supervisors (never before: the form says
/// the agenda was agreed in the pair).
public struct ConfirmAgenda: FlowAction {
    public let name = "confirm_agenda"

    public var contract: ActionContract {
        ActionContract(texts: [
            "records.no_pair", "agenda.none", "agenda.already_confirmed", "agenda.peer_confirmed", "agenda.confirmed",
            "agenda.supervisors",
        ])
    }

    public init() {}

    public func run(_ request: ActionRequest, in context: ActionContext) throws -> [String] {
        guard let scope = try RecordScope(context), let pairID = scope.pairID else {
            return [context.say("records.no_pair")]
        }
        let agendas = AgendaRepository(context.connection)
        guard let agenda = try agendas.current(pairID: pairID) else { return [context.say("agenda.none")] }
        let revision = ["revision": String(agenda.revision)]
        guard try agendas.confirm(agendaID: agenda.id, participantID: context.participantID, now: context.now) else {
            return [context.say("agenda.already_confirmed")]
        }
        if agenda.authorID != context.participantID {
            try context.notify(participantID: agenda.authorID, "agenda.peer_confirmed", [
                "revision": String(agenda.revision), "name": scope.speakerName,
            ])
        }
        var replies = [context.say("agenda.confirmed", revision)]
        let sent = try AgendaForm(agenda: agenda, programme: scope.membership.programme.name).queueWhenAgreed(context)
        if let sent, sent > 0 { replies.append(context.say("agenda.supervisors", ["count": String(sent)])) }
        return replies
    }
}

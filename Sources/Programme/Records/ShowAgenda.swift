import Engine
import Store

/// `show_agenda` ("our agenda"): the pair's current agenda. Only the speaker's own pair is read.
public struct ShowAgenda: FlowAction {
    public let name = "show_agenda"

    public var contract: ActionContract {
        ActionContract(texts: ["records.no_pair", "agenda.none", "agenda.show"] + AgendaText.texts)
    }

    public init() {}

    public func run(_ request: ActionRequest, in context: ActionContext) throws -> [String] {
        guard let scope = try RecordScope(context), let pairID = scope.pairID else {
            return [context.say("records.no_pair")]
        }
        guard let agenda = try AgendaRepository(context.connection).current(pairID: pairID) else {
            return [context.say("agenda.none")]
        }
        var arguments = AgendaText(agenda: agenda).arguments(context, language: context.language)
        arguments["author"] = try ParticipantRepository(context.connection).find(id: agenda.authorID)?.name ?? ""
        return [context.say("agenda.show", arguments)]
    }
}

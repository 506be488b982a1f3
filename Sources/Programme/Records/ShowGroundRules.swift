import Engine
import Store

/// `show_ground_rules` ("our rules"): the pair's current ground rules and who has agreed to them. Only the
/// speaker's own pair is read.
public struct ShowGroundRules: FlowAction {
    public let name = "show_ground_rules"

    public var contract: ActionContract {
        ActionContract(texts: [
            "records.no_pair", "rules.none", "rules.you", "rules.status.agreed", "rules.status.waiting", "rules.show",
        ] + GroundRulesText.texts)
    }

    public init() {}

    public func run(_ request: ActionRequest, in context: ActionContext) throws -> [String] {
        guard let scope = try RecordScope(context), let pairID = scope.pairID else {
            return [context.say("records.no_pair")]
        }
        guard let rules = try GroundRulesRepository(context.connection).current(pairID: pairID) else {
            return [context.say("rules.none")]
        }
        let participants = ParticipantRepository(context.connection)
        let members = try ProgrammeRepository(context.connection).members(pairID: pairID).map(\.participantID)
        let waiting = try members.filter { !rules.agreedBy.contains($0) }.map { id in
            id == context.participantID ? context.say("rules.you") : try participants.find(id: id)?.name ?? ""
        }
        let status = waiting.isEmpty
            ? context.say("rules.status.agreed")
            : context.say("rules.status.waiting", ["names": waiting.joined(separator: ", ")])
        return [context.say("rules.show", [
            "revision": String(rules.revision), "author": try participants.find(id: rules.proposedBy)?.name ?? "",
            "status": status, "rules": GroundRulesText(rules: rules).text(context, language: context.language),
        ])]
    }
}

import Engine
import Store

/// `save_ground_rules`: stores the pair's ground rules as proposed by the speaker (a new revision if some exist)
/// and asks the peer to agree ("agree rules"). Nothing is stored without the confidentiality agreement.
public struct SaveGroundRules: FlowAction {
    public let name = "save_ground_rules"

    public init() {}

    public func run(_ request: ActionRequest, in context: ActionContext) throws -> [String] {
        guard try request.yesno("confidentiality") else { return [context.say("rules.confidentiality_required")] }
        let proposal = GroundRulesRepository.Proposal(
            howOften: try request.text("how_often"), whereWhen: try request.text("where_when"),
            absence: try request.text("absence"), friendsAllowed: try request.yesno("friends"),
            problems: try request.text("problems"))
        guard let scope = try RecordScope(context), let pairID = scope.pairID else {
            return [context.say("records.no_pair")]
        }
        let rules = try GroundRulesRepository(context.connection).propose(
            proposal, programmeID: scope.programmeID, pairID: pairID, participantID: context.participantID,
            now: context.now)
        for peer in scope.peers {
            let language = try ParticipantRepository(context.connection).find(id: peer.participantID)?.language
                ?? context.language
            try context.notify(participantID: peer.participantID, "rules.peer_notice", [
                "name": scope.speakerName, "rules": GroundRulesText(rules: rules).text(context, language: language),
            ])
        }
        let peers = scope.peers.map(\.name).joined(separator: ", ")
        return [context.say("rules.saved", ["peer": peers.isEmpty ? context.say("status.your_peer") : peers])]
    }
}

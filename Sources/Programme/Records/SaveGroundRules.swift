import Engine
import Store

/// `save_ground_rules`: stores the pair's ground rules as proposed by the speaker (a new revision if some exist)
/// and asks the peer to agree ("agree rules"). Nothing is stored without the confidentiality agreement.
public struct SaveGroundRules: FlowAction {
    public let name = "save_ground_rules"

    static let confidentiality = Answer.yesno("confidentiality")
    /// The rules themselves: asked only once confidentiality is agreed.
    static let howOften = Answer.text("how_often").optional
    static let whereWhen = Answer.text("where_when").optional
    static let absence = Answer.text("absence").optional
    static let friends = Answer.yesno("friends").optional
    static let problems = Answer.text("problems").optional

    public var contract: ActionContract {
        ActionContract(
            [Self.confidentiality, Self.howOften, Self.whereWhen, Self.absence, Self.friends, Self.problems],
            texts: ["rules.confidentiality_required", "records.no_pair", "rules.peer_notice", "rules.saved",
                    "status.your_peer"] + GroundRulesText.texts)
    }

    public init() {}

    public func run(_ request: ActionRequest, in context: ActionContext) throws -> [String] {
        guard try request.answer(Self.confidentiality) else { return [context.say("rules.confidentiality_required")] }
        func rule<Value>(_ answer: Answer<Value?>) throws(ActionInputError) -> Value {
            guard let value = try request.answer(answer) else {
                throw ActionInputError(action: name, slot: answer.input.name)
            }
            return value
        }
        let proposal = GroundRulesRepository.Proposal(
            howOften: try rule(Self.howOften), whereWhen: try rule(Self.whereWhen), absence: try rule(Self.absence),
            friendsAllowed: try rule(Self.friends), problems: try rule(Self.problems))
        guard let scope = try RecordScope(context), let pairID = scope.pairID else {
            return [context.say("records.no_pair")]
        }
        let rules = try GroundRulesRepository(context.connection).propose(
            proposal, programmeID: scope.programmeID, pairID: pairID, participantID: context.participantID,
            now: context.now)
        for peer in scope.peers {
            let language = try context.voice(ofParticipant: peer.participantID)
            try context.notify(participantID: peer.participantID, "rules.peer_notice", [
                "name": scope.speakerName, "rules": GroundRulesText(rules: rules).text(context, language: language),
            ])
        }
        let peers = scope.peers.map(\.name).joined(separator: ", ")
        return [context.say("rules.saved", ["peer": peers.isEmpty ? context.say("status.your_peer") : peers])]
    }
}

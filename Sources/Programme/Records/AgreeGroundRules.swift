import Engine
import Store

/// `agree_ground_rules` ("agree rules"): the peer's yes or no to the ground rules the other proposed. The rules
/// are agreed once every member of the pair said yes; the proposer is told either way.
public struct AgreeGroundRules: FlowAction {
    public let name = "agree_ground_rules"

    static let agree = Answer.yesno("agree")

    public var contract: ActionContract {
        ActionContract([Self.agree], texts: [
            "records.no_pair", "rules.none", "rules.already_agreed", "rules.peer_declined", "rules.declined",
            "rules.peer_agreed", "rules.agreed_waiting", "rules.agreed_all",
        ])
    }

    public init() {}

    public func run(_ request: ActionRequest, in context: ActionContext) throws -> [String] {
        let agrees = try request.answer(Self.agree)
        guard let scope = try RecordScope(context), let pairID = scope.pairID else {
            return [context.say("records.no_pair")]
        }
        let repository = GroundRulesRepository(context.connection)
        guard let rules = try repository.current(pairID: pairID) else { return [context.say("rules.none")] }
        guard !rules.agreedBy.contains(context.participantID) else { return [context.say("rules.already_agreed")] }
        let proposer = ["name": scope.speakerName]
        guard agrees else {
            try context.notify(participantID: rules.proposedBy, "rules.peer_declined", proposer)
            return [context.say("rules.declined")]
        }
        try repository.agree(rulesID: rules.id, participantID: context.participantID, now: context.now)
        try context.notify(participantID: rules.proposedBy, "rules.peer_agreed", proposer)
        let members = Set(try ProgrammeRepository(context.connection).members(pairID: pairID).map(\.participantID))
        let agreed = Set(rules.agreedBy + [context.participantID])
        guard members.isSubset(of: agreed) else { return [context.say("rules.agreed_waiting")] }
        let delivered = try DocumentRepository(context.connection)
            .submitted(participantID: context.participantID, programmeID: scope.programmeID)
        if !delivered.contains("ground_rules") { try scope.recordDelivered("ground_rules", context) }
        return [context.say("rules.agreed_all")]
    }
}

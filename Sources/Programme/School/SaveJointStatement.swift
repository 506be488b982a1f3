import Engine
import Store

/// `save_joint_statement` ("joint statement"): the pair's joint statement for the mentee's portfolio — what the two
/// of them agreed to say about their time as a pair — written down by the mentee, who owns the portfolio. The
/// mentor is told what it says.
public struct SaveJointStatement: FlowAction {
    public let name = "save_joint_statement"

    static let text = Answer.text("text")

    public var contract: ActionContract {
        ActionContract([Self.text], texts: SchoolPair.texts + [
            "joint.saved", "joint.peer_notice", "statement.opted_out",
        ])
    }

    public init() {}

    public func run(_ request: ActionRequest, in context: ActionContext) throws -> [String] {
        let text = try request.answer(Self.text)
        let lookup = try SchoolPair.of(context)
        guard let pair = lookup.found else { return [lookup.refusal] }
        guard try !pair.hasOptedOut(context) else { return [context.say("statement.opted_out")] }
        try JointStatementRepository(context.connection).save(
            text, programmeID: pair.scope.programmeID, pairID: pair.pairID, authorID: context.participantID,
            now: context.now)
        try pair.scope.notifyPeers(context, "joint.peer_notice", ["text": text])
        return [context.say("joint.saved")]
    }
}

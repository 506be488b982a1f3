import Engine
import Store

/// `save_evaluation`: the end-of-programme evaluation (open points, what was gained, feedback); the peer is told,
/// and the speaker learns whether the whole pair has now evaluated.
public struct SaveEvaluation: FlowAction {
    public let name = "save_evaluation"

    static let openPoints = Answer.text("open_points")
    static let gained = Answer.text("gained")
    static let feedback = Answer.text("feedback")

    public var contract: ActionContract {
        ActionContract([Self.openPoints, Self.gained, Self.feedback], texts: [
            "status.not_enrolled", "evaluation.saved", "evaluation.peer_notice", "evaluation.all_done",
            "evaluation.waiting",
        ])
    }

    public init() {}

    public func run(_ request: ActionRequest, in context: ActionContext) throws -> [String] {
        let evaluation = EvaluationRepository.Evaluation(
            openPoints: try request.answer(Self.openPoints), gained: try request.answer(Self.gained),
            feedback: try request.answer(Self.feedback))
        guard let scope = try RecordScope(context) else { return [context.say("status.not_enrolled")] }
        let repository = EvaluationRepository(context.connection)
        try repository.insert(
            evaluation, programmeID: scope.programmeID, pairID: scope.pairID, participantID: context.participantID,
            now: context.now)
        guard let pairID = scope.pairID else { return [context.say("evaluation.saved")] }
        try scope.notifyPeers(context, "evaluation.peer_notice")
        let done = try repository.evaluated(pairID: pairID)
        let waiting = scope.peers.filter { !done.contains($0.participantID) }.map(\.name)
        let next = waiting.isEmpty
            ? context.say("evaluation.all_done")
            : context.say("evaluation.waiting", ["names": waiting.joined(separator: ", ")])
        return [context.say("evaluation.saved") + "\n" + next]
    }
}

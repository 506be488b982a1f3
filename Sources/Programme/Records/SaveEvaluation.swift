import Engine
import Store

/// `save_evaluation`: the end-of-programme evaluation (open points, what was gained, feedback); the peer is told,
/// and the speaker learns whether the whole pair has now evaluated.
public struct SaveEvaluation: FlowAction {
    public let name = "save_evaluation"

    public init() {}

    public func run(_ request: ActionRequest, in context: ActionContext) throws -> [String] {
        let evaluation = EvaluationRepository.Evaluation(
            openPoints: try request.text("open_points"), gained: try request.text("gained"),
            feedback: try request.text("feedback"))
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

import Engine
import Store

/// `save_working_plan`: the school pair's working plan. "working plan" saves the mentee's strengths and what to
/// work on (a new revision) and a first goal; "goal" adds a goal — each with how to reach it (who does what and
/// when) and its time frame. The peer is told.
public struct SaveWorkingPlan: FlowAction {
    public let name = "save_working_plan"

    /// Asked by "working plan" only.
    static let strengths = Answer.text("strengths").optional
    static let weaknesses = Answer.text("weaknesses").optional
    static let goal = Answer.text("goal")
    static let how = Answer.text("how")
    static let timeFrame = Answer.text("time_frame")

    public var contract: ActionContract {
        ActionContract(
            [Self.strengths, Self.weaknesses, Self.goal, Self.how, Self.timeFrame],
            texts: SchoolPair.texts + ["workplan.saved", "workplan.goal_added", "workplan.peer_notice"])
    }

    public init() {}

    public func run(_ request: ActionRequest, in context: ActionContext) throws -> [String] {
        let goal = WorkingPlanRepository.Goal(
            goal: try request.answer(Self.goal), how: try request.answer(Self.how),
            timeFrame: try request.answer(Self.timeFrame))
        let strengths = try request.answer(Self.strengths)
        let weaknesses = try request.answer(Self.weaknesses)
        let lookup = try SchoolPair.of(context)
        guard let pair = lookup.found else { return [lookup.refusal] }
        let plans = WorkingPlanRepository(context.connection)
        let programmeID = pair.scope.programmeID
        if let strengths, let weaknesses {
            try plans.saveProfile(
                strengths: strengths, weaknesses: weaknesses, programmeID: programmeID, pairID: pair.pairID,
                authorID: context.participantID, now: context.now)
        }
        let added = try plans.addGoal(
            goal, programmeID: programmeID, pairID: pair.pairID, authorID: context.participantID, now: context.now)
        let arguments = ["number": String(added.number), "goal": added.goal]
        try pair.scope.notifyPeers(context, "workplan.peer_notice", arguments)
        return [context.say(strengths == nil ? "workplan.goal_added" : "workplan.saved", arguments)]
    }
}

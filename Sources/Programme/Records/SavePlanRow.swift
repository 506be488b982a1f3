import Engine
import Store

/// `save_plan_row`: adds a row to the pair's learning plan ("plan"), or, when the flow asked for a row number
/// ("revise plan"), replaces that row with a new revision while keeping the old one.
public struct SavePlanRow: FlowAction {
    public let name = "save_plan_row"

    /// The row to revise ("revise plan 2"); without it a row is added.
    static let row = Answer.integer("row").optional
    static let objective = Answer.text("objective")
    static let steps = Answer.text("steps")
    static let support = Answer.text("support")
    static let timeFrame = Answer.text("time_frame")
    static let resources = Answer.text("resources").optional
    static let evidence = Answer.text("evidence")

    public var contract: ActionContract {
        ActionContract(
            [Self.row, Self.objective, Self.steps, Self.support, Self.timeFrame, Self.resources, Self.evidence],
            texts: ["records.no_pair", "plan.no_such_row", "plan.peer_notice", "plan.added", "plan.revised"])
    }

    public init() {}

    public func run(_ request: ActionRequest, in context: ActionContext) throws -> [String] {
        let content = LearningPlanRepository.Content(
            objective: try request.answer(Self.objective), actionSteps: try request.answer(Self.steps),
            mentorSupport: try request.answer(Self.support), timeFrame: try request.answer(Self.timeFrame),
            resources: try request.answer(Self.resources), evidence: try request.answer(Self.evidence))
        guard let scope = try RecordScope(context), let pairID = scope.pairID else {
            return [context.say("records.no_pair")]
        }
        let plan = LearningPlanRepository(context.connection)
        let row: LearningPlanRepository.PlanRow
        if let number = try request.answer(Self.row) {
            guard let revised = try plan.revise(
                number: number, with: content, programmeID: scope.programmeID, pairID: pairID,
                authorID: context.participantID, now: context.now)
            else {
                let rows = try plan.current(pairID: pairID).count
                return [context.say("plan.no_such_row", ["row": String(number), "count": String(rows)])]
            }
            row = revised
        } else {
            row = try plan.add(
                content, programmeID: scope.programmeID, pairID: pairID, authorID: context.participantID,
                now: context.now)
        }
        let arguments = ["row": String(row.number), "objective": content.objective, "revision": String(row.revision)]
        if row.revision == 1, try LearningPlanRepository(context.connection).current(pairID: pairID).count == 1 {
            try scope.recordDelivered("learning_plan", context)
        }
        try scope.notifyPeers(context, "plan.peer_notice", arguments)
        return [context.say(row.revision == 1 ? "plan.added" : "plan.revised", arguments)]
    }
}

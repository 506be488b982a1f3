import Engine
import Store

/// `save_plan_row`: adds a row to the pair's learning plan ("plan"), or, when the flow asked for a row number
/// ("revise plan"), replaces that row with a new revision while keeping the old one.
public struct SavePlanRow: FlowAction {
    public let name = "save_plan_row"

    public init() {}

    public func run(_ request: ActionRequest, in context: ActionContext) throws -> [String] {
        let content = LearningPlanRepository.Content(
            objective: try request.text("objective"), actionSteps: try request.text("steps"),
            mentorSupport: try request.text("support"), timeFrame: try request.text("time_frame"),
            resources: request.optionalText("resources"), evidence: try request.text("evidence"))
        guard let scope = try RecordScope(context), let pairID = scope.pairID else {
            return [context.say("records.no_pair")]
        }
        let plan = LearningPlanRepository(context.connection)
        let row: LearningPlanRepository.PlanRow
        if let number = request.optionalInteger("row") {
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

import Engine
import Store

/// `show_plan` ("our plan"): the current rows of the pair's learning plan. Only the speaker's own pair is read.
public struct ShowPlan: FlowAction {
    public let name = "show_plan"

    public var contract: ActionContract {
        ActionContract(texts: ["records.no_pair", "plan.empty", "plan.row", "plan.header"])
    }

    public init() {}

    public func run(_ request: ActionRequest, in context: ActionContext) throws -> [String] {
        guard let scope = try RecordScope(context), let pairID = scope.pairID else {
            return [context.say("records.no_pair")]
        }
        let rows = try LearningPlanRepository(context.connection).current(pairID: pairID)
        guard !rows.isEmpty else { return [context.say("plan.empty")] }
        let lines = rows.map { row in
            context.say("plan.row", [
                "row": String(row.number), "revision": String(row.revision), "objective": row.content.objective,
                "steps": row.content.actionSteps, "support": row.content.mentorSupport,
                "time_frame": row.content.timeFrame, "resources": row.content.resources ?? "—",
                "evidence": row.content.evidence,
            ])
        }
        return [([context.say("plan.header", ["count": String(rows.count)])] + lines).joined(separator: "\n")]
    }
}

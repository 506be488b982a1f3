import Engine
import Store

/// `show_working_plan` ("our plan" in the school programme): the pair's strengths and what to work on, its goals,
/// and its latest progress review. Only the speaker's own pair is read.
public struct ShowWorkingPlan: FlowAction {
    public let name = "show_working_plan"

    public var contract: ActionContract {
        ActionContract(texts: SchoolPair.texts + [
            "workplan.empty", "workplan.show", "workplan.show.goal", "workplan.show.profile_none",
            "workplan.show.review", "workplan.show.no_review",
        ] + ReviewIndication.texts)
    }

    public init() {}

    public func run(_ request: ActionRequest, in context: ActionContext) throws -> [String] {
        let lookup = try SchoolPair.of(context)
        guard let pair = lookup.found else { return [lookup.refusal] }
        let plans = WorkingPlanRepository(context.connection)
        let profile = try plans.profile(pairID: pair.pairID)
        let goals = try plans.goals(pairID: pair.pairID)
        let reviews = try ProgressReviewRepository(context.connection).reviews(pairID: pair.pairID)
        guard profile != nil || !goals.isEmpty || !reviews.isEmpty else { return [context.say("workplan.empty")] }
        var lines = [profile.map { profile in
            context.say("workplan.show", [
                "revision": String(profile.revision), "strengths": profile.strengths, "weaknesses": profile.weaknesses,
            ])
        } ?? context.say(goals.isEmpty ? "workplan.empty" : "workplan.show.profile_none")]
        lines += goals.map { goal in
            context.say("workplan.show.goal", [
                "number": String(goal.number), "goal": goal.goal, "how": goal.how, "time_frame": goal.timeFrame,
            ])
        }
        if let latest = reviews.last {
            lines.append(context.say("workplan.show.review", [
                "count": String(reviews.count), "date": latest.reviewedOn, "achieved": latest.achieved,
                "indications": ReviewIndication.describe(latest.indications, context),
            ]))
        } else {
            lines.append(context.say("workplan.show.no_review"))
        }
        return [lines.joined(separator: "\n")]
    }
}

import Engine
import Store

/// `show_pair_learning_report` ("pair report"): the draft learning programme report of a pair the speaker looks
/// after — a facilitator's own cohorts' pairs, a coordinator's whole programme — in the speaker's language. A pair
/// outside that reach reads exactly like one that does not exist.
public struct ShowPairLearningReport: FlowAction {
    public let name = "show_pair_learning_report"

    static let pair = Answer.text("pair")

    public var contract: ActionContract {
        ActionContract([Self.pair], texts: ["facilitation.not_allowed", "pairreport.unknown"] + LearningReport.texts)
    }

    public init() {}

    public func run(_ request: ActionRequest, in context: ActionContext) throws -> [String] {
        guard let membership = context.facilitation else { return [context.say("facilitation.not_allowed")] }
        let label = try request.answer(Self.pair).trimmingCharacters(in: .whitespaces)
        guard let pair = try context.connection.query(
            "SELECT id, cohort_id FROM pairs WHERE programme_id = ? AND label = ?", [membership.programme.id, label]
        ).first else { return [context.say("pairreport.unknown", ["pair": label])] }
        let cohorts = Set(membership.enrolments.filter { $0.role == Role.facilitator.rawValue }.compactMap(\.cohortID))
        let inCohort = pair.optionalInt("cohort_id").map { cohorts.contains(Int64($0)) } ?? false
        guard context.coordinates || inCohort else {
            return [context.say("pairreport.unknown", ["pair": label])]
        }
        let report = try LearningReport.load(pairID: pair.int64("id"), templates: context.templates,
                                             connection: context.connection)
        return try report.send(in: context)
    }
}

import Engine
import Store

/// `show_pair_learning_report` ("pair report"): the draft learning programme report of a pair the speaker looks
/// after — a facilitator's own cohorts' pairs, a coordinator's whole programme — in the speaker's language. A pair
/// outside that reach reads exactly like one that does not exist.
public struct ShowPairLearningReport: FlowAction {
    public let name = "show_pair_learning_report"

    static let pair = Answer.text("pair")

    public var contract: ActionContract {
        ActionContract(
            [Self.pair], texts: ["facilitation.not_allowed", "pairreport.unknown", "pairreport.yours"]
                + LearningReport.texts,
            checks: [Self.pair])
    }

    public init() {}

    public func run(_ request: ActionRequest, in context: ActionContext) throws -> [String] {
        guard context.facilitation != nil else { return [context.say("facilitation.not_allowed")] }
        let label = try request.answer(Self.pair).trimmingCharacters(in: .whitespaces)
        guard let pair = try Self.reachable(context).first(where: { PairLabel.key($0.label) == PairLabel.key(label) })
        else { return [try Self.unknown(label, context)] }
        let report = try LearningReport.load(pairID: pair.id, templates: context.templates,
                                             connection: context.connection)
        return try report.send(in: context)
    }

    /// The pairs the speaker looks after: a coordinator's whole programme, a facilitator's own cohorts.
    static func reachable(_ context: ActionContext) throws -> [(id: Int64, label: String)] {
        guard let membership = context.facilitation else { return [] }
        let cohorts = Set(membership.enrolments.filter { $0.role == Role.facilitator.rawValue }.compactMap(\.cohortID))
        return try context.connection.query(
            "SELECT id, label, cohort_id FROM pairs WHERE programme_id = ? ORDER BY label", [membership.programme.id]
        ).filter { row in
            context.coordinates || row.optionalInt("cohort_id").map { cohorts.contains(Int64($0)) } == true
        }.map { (id: $0.int64("id"), label: $0.string("label")) }
    }

    /// A pair outside the speaker's reach reads like one that does not exist; the pairs they look after are listed.
    static func unknown(_ label: String, _ context: ActionContext) throws -> String {
        let yours = try reachable(context).map(\.label)
        let text = context.say("pairreport.unknown", ["pair": label])
        guard !yours.isEmpty else { return text }
        return text + "\n" + context.say("pairreport.yours", ["pairs": yours.joined(separator: ", ")])
    }
}

/// The pair is looked up as soon as it is given (`pair_report.flow` marks it `checked`): a label no pair the speaker
/// looks after has (in any case, with any dash) is asked again, with their pairs listed.
extension ShowPairLearningReport: AnswerChecking {
    public func check(_ question: String, _ answers: ActionRequest, in context: ActionContext) throws -> AnswerVerdict {
        guard question == Self.pair.input.name, context.facilitation != nil else { return .accepted }
        let label = try answers.answer(Self.pair).trimmingCharacters(in: .whitespaces)
        guard try !Self.reachable(context).contains(where: { PairLabel.key($0.label) == PairLabel.key(label) }) else {
            return .accepted
        }
        return .reask(try Self.unknown(label, context), question: question)
    }
}

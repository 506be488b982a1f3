import Engine
import Store

/// `opt_out_of_validation` ("opt out"): the mentee stops the optional validation of their learning, at any point.
/// It is recorded, and nothing is kept that they did not approve: the drafts of their learning statement (only an
/// approved one stays), the project team's evaluation and their portfolio choices are deleted. "learning
/// statement" starts again.
public struct OptOutOfValidation: FlowAction {
    public let name = "opt_out_of_validation"

    static let sure = Answer.yesno("sure")

    public var contract: ActionContract {
        ActionContract([Self.sure], texts: SchoolPair.texts + ["optout.kept", "optout.done", "optout.already"])
    }

    public init() {}

    public func run(_ request: ActionRequest, in context: ActionContext) throws -> [String] {
        guard try request.answer(Self.sure) else { return [context.say("optout.kept")] }
        let lookup = try SchoolPair.of(context)
        guard let pair = lookup.found else { return [lookup.refusal] }
        let programmeID = pair.scope.programmeID
        let participantID = context.participantID
        let choices = ValidationChoiceRepository(context.connection)
        guard try choices.optOut(participantID: participantID, programmeID: programmeID, now: context.now) else {
            return [context.say("optout.already")]
        }
        let drafts = try LearningStatementRepository(context.connection).deleteAllButApproved(
            participantID: participantID, programmeID: programmeID)
        let evaluations = try TeamEvaluationRepository(context.connection).delete(
            menteeID: participantID, programmeID: programmeID)
        try choices.forgetPortfolioGoals(participantID: participantID, programmeID: programmeID)
        return [context.say("optout.done", ["drafts": String(drafts), "evaluations": String(evaluations)])]
    }
}

import Engine
import Store

/// `save_team_evaluation` ("evaluate pair 3"): the project team's evaluation of a pair's mentee for their
/// portfolio — participation, achievements, and how far it agrees with the mentee's own learning statement —
/// written by a coordinator. The mentee is told; the evaluator's name never goes into the portfolio. Nothing is
/// kept for a pupil without recorded guardian consent, or one who opted out of the validation.
public struct SaveTeamEvaluation: FlowAction {
    public let name = "save_team_evaluation"

    static let participationOptions = ["took_part_fully", "took_part_mostly", "took_part_partly"]
    static let consistencyOptions = ["agrees_with_self", "partly_agrees", "differs_from_self"]

    static let pair = Answer.text("pair")
    static let participation = Answer.choice("participation", options: participationOptions)
    static let achievements = Answer.text("achievements")
    static let consistency = Answer.choice("consistency", options: consistencyOptions)
    static let note = Answer.text("note").optional

    public var contract: ActionContract {
        ActionContract(
            [Self.pair, Self.participation, Self.achievements, Self.consistency, Self.note],
            texts: CoordinatedPair.texts + [
                "teameval.no_mentee", "teameval.opted_out",
                "teameval.saved", "teameval.no_statement", "teameval.mentee_notice",
            ])
    }

    public init() {}

    public func run(_ request: ActionRequest, in context: ActionContext) throws -> [String] {
        let evaluation = TeamEvaluationRepository.Evaluation(
            participation: try request.answer(Self.participation), achievements: try request.answer(Self.achievements),
            consistency: try request.answer(Self.consistency), note: try request.answer(Self.note),
            createdAt: context.now)
        let lookup = try CoordinatedPair.named(try request.answer(Self.pair), context)
        guard let pair = lookup.found else { return [lookup.refusal] }
        let (pairID, label, programmeID) = (pair.pairID, pair.label, pair.membership.programme.id)
        let connection = context.connection
        guard let mentee = try ProgrammeRepository(connection).members(pairID: pairID)
            .first(where: { $0.role == Role.mentee.rawValue })
        else { return [context.say("teameval.no_mentee", ["pair": label])] }
        let name = try ParticipantRepository(connection).find(id: mentee.participantID)?.name ?? ""
        guard try !ValidationChoiceRepository(connection).isOptedOut(
            participantID: mentee.participantID, programmeID: programmeID)
        else { return [context.say("teameval.opted_out", ["name": name])] }
        try TeamEvaluationRepository(connection).save(
            evaluation, menteeID: mentee.participantID, programmeID: programmeID, evaluatorID: context.participantID)
        try context.notify(participantID: mentee.participantID, "teameval.mentee_notice")
        var reply = context.say("teameval.saved", ["name": name, "pair": label])
        if try LearningStatementRepository(connection).approved(
            participantID: mentee.participantID, programmeID: programmeID) == nil {
            reply += "\n" + context.say("teameval.no_statement", ["name": name])
        }
        return [reply]
    }
}

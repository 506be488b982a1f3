import Engine
import Store

/// `save_review`: a progress review of the school pair ("review"): what was achieved since the last one, the good
/// indications the pair ticks (counted, anonymised, in the programme report — never their words), and what comes
/// next, at the programme stage of the day. The peer is told.
public struct SaveReview: FlowAction {
    public let name = "save_review"

    static let achieved = Answer.text("achieved")
    static let indications = Answer.choices("indications", options: ReviewIndication.ids).optional
    static let nextSteps = Answer.text("next_steps").optional

    public var contract: ActionContract {
        ActionContract(
            [Self.achieved, Self.indications, Self.nextSteps],
            texts: SchoolPair.texts + ["review.saved", "review.peer_notice", "review.stage_none"]
                + ReviewIndication.texts)
    }

    public init() {}

    public func run(_ request: ActionRequest, in context: ActionContext) throws -> [String] {
        let achieved = try request.answer(Self.achieved)
        let ticked = try request.answer(Self.indications) ?? []
        let nextSteps = try request.answer(Self.nextSteps)
        let lookup = try SchoolPair.of(context)
        guard let pair = lookup.found else { return [lookup.refusal] }
        let membership = pair.scope.membership
        let step = membership.template.step(onDay: membership.day(on: context.today))
        let count = try ProgressReviewRepository(context.connection).insert(
            achieved: achieved, nextSteps: nextSteps, indications: ticked, stage: step?.id,
            reviewedOn: context.today.iso, programmeID: pair.scope.programmeID, pairID: pair.pairID,
            authorID: context.participantID, now: context.now)
        func arguments(_ language: String) -> [String: String] {
            [
                "number": String(count), "name": pair.scope.speakerName,
                "stage": context.localizer.text(step?.title ?? "review.stage_none", language),
                "indications": ReviewIndication.describe(ticked, context, in: language),
            ]
        }
        for peer in pair.scope.peers {
            try context.notify(participantID: peer.participantID, "review.peer_notice", worded: arguments)
        }
        return [context.say("review.saved", arguments(context.language))]
    }
}

import Engine
import Store

/// `save_feedback`: an after-session check-in (how useful, 1–5, and one sentence), kept per participant and pair.
public struct SaveFeedback: FlowAction {
    public let name = "save_feedback"

    static let usefulness = Answer.integer("usefulness")
    static let comment = Answer.text("comment")

    public var contract: ActionContract {
        ActionContract(
            [Self.usefulness, Self.comment], texts: ["status.not_enrolled", "feedback.saved_first", "feedback.saved"])
    }

    public init() {}

    public func run(_ request: ActionRequest, in context: ActionContext) throws -> [String] {
        let usefulness = try request.answer(Self.usefulness)
        let comment = try request.answer(Self.comment)
        guard let scope = try RecordScope(context) else { return [context.say("status.not_enrolled")] }
        let repository = FeedbackRepository(context.connection)
        try repository.insert(
            programmeID: scope.programmeID, pairID: scope.pairID, participantID: context.participantID,
            usefulness: usefulness, comment: comment, now: context.now)
        guard let pairID = scope.pairID else { return [context.say("feedback.saved_first")] }
        let mine = try repository.feedback(pairID: pairID, participantID: context.participantID)
        let average = Double(mine.map(\.usefulness).reduce(0, +)) / Double(max(mine.count, 1))
        return [context.say("feedback.saved", [
            "count": String(mine.count),
            "average": context.localizer.decimal(String((average * 10).rounded() / 10), context.language),
        ])]
    }
}

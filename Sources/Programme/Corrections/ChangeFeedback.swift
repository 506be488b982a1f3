import Engine
import Store

/// `change_feedback` ("change feedback usefulness 5", flow `change_feedback`, which `edits: feedback`): changes the
/// check-in the speaker gave last. A check-in is the speaker's own: nobody else is told.
public struct ChangeFeedback: FlowAction {
    public let name = "change_feedback"

    static let usefulness = Answer.integer("usefulness").optional
    static let comment = Answer.text("comment").optional

    public var contract: ActionContract {
        ActionContract([Self.usefulness, Self.comment], texts: ["feedback.change.none", "feedback.changed"])
    }

    public init() {}

    public func run(_ request: ActionRequest, in context: ActionContext) throws -> [String] {
        let feedback = FeedbackRepository(context.connection)
        guard let last = try feedback.latest(participantID: context.participantID) else {
            return [context.say("feedback.change.none")]
        }
        let usefulness = try request.answer(Self.usefulness) ?? last.usefulness
        let comment = try request.answer(Self.comment) ?? feedback.comment(id: last.id) ?? ""
        try feedback.update(id: last.id, usefulness: usefulness, comment: comment)
        return [context.say("feedback.changed", ["usefulness": String(usefulness), "comment": comment])]
    }
}

import Engine
import Store

/// `revise_learning_statement` ("change statement 3 …"): replaces one part of the mentee's learning statement,
/// as a new draft (an approved statement must be approved again), and shows the whole draft.
public struct ReviseLearningStatement: FlowAction {
    public let name = "revise_learning_statement"

    static let part = Answer.integer("part")
    static let text = Answer.text("text")

    public var contract: ActionContract {
        ActionContract([Self.part, Self.text], texts: SchoolPair.texts + LearningStatementText.texts)
    }

    public init() {}

    public func run(_ request: ActionRequest, in context: ActionContext) throws -> [String] {
        let number = try request.answer(Self.part)
        let text = try request.answer(Self.text)
        let lookup = try SchoolPair.of(context)
        guard let pair = lookup.found else { return [lookup.refusal] }
        let programmeID = pair.scope.programmeID
        guard try !pair.hasOptedOut(context) else { return [context.say("statement.opted_out")] }
        let statements = LearningStatementRepository(context.connection)
        guard let newest = try statements.newest(participantID: context.participantID, programmeID: programmeID),
              let parts = newest.parts.replacing(number, with: text)
        else { return [context.say("statement.none")] }
        let statement = try statements.draft(
            parts, participantID: context.participantID, programmeID: programmeID, now: context.now)
        return [context.say("statement.changed", [
            "part": String(number), "revision": String(statement.revision),
            "document": LearningStatementText(parts: parts).document(context.localizer, context.language),
        ])]
    }
}

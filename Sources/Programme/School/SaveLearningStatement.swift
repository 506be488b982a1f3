import Engine
import Store

/// `save_learning_statement`: the guided interview of the learning statement (optional, owned by the mentee) —
/// what the mentoring was, the objectives and how they changed, what they did, hard and soft skills, what they can
/// do now — drafted as a document in the mentee's language, which they then change part by part and approve.
/// Starting it again after opting out is coming back.
public struct SaveLearningStatement: FlowAction {
    public let name = "save_learning_statement"

    static let about = Answer.text("about")
    static let objectives = Answer.text("objectives")
    static let activities = Answer.text("activities")
    static let hardSkills = Answer.text("hard_skills")
    static let communication = Answer.text("communication")
    static let organisation = Answer.text("organisation")
    static let nowAble = Answer.text("now_able")

    public var contract: ActionContract {
        ActionContract(
            [Self.about, Self.objectives, Self.activities, Self.hardSkills, Self.communication, Self.organisation,
             Self.nowAble],
            texts: SchoolPair.texts + LearningStatementText.texts)
    }

    public init() {}

    public func run(_ request: ActionRequest, in context: ActionContext) throws -> [String] {
        let parts = LearningStatementRepository.Parts(
            about: try request.answer(Self.about), objectives: try request.answer(Self.objectives),
            activities: try request.answer(Self.activities), hardSkills: try request.answer(Self.hardSkills),
            communication: try request.answer(Self.communication), organisation: try request.answer(Self.organisation),
            nowAble: try request.answer(Self.nowAble))
        let lookup = try SchoolPair.of(context)
        guard let pair = lookup.found else { return [lookup.refusal] }
        let programmeID = pair.scope.programmeID
        let back = try ValidationChoiceRepository(context.connection).optIn(
            participantID: context.participantID, programmeID: programmeID, now: context.now)
        let statement = try LearningStatementRepository(context.connection).draft(
            parts, participantID: context.participantID, programmeID: programmeID, now: context.now)
        let draft = context.say("statement.draft", [
            "revision": String(statement.revision),
            "document": LearningStatementText(parts: parts).document(context.localizer, context.language),
        ])
        return [back ? context.say("statement.welcome_back") + "\n\n" + draft : draft]
    }
}

import Engine
import Store

/// `show_learning_report` ("our report"): the draft of the speaker's pair's learning programme report, as
/// Markdown in their language. Only the speaker's own pair is read (as for "our log").
public struct ShowLearningReport: FlowAction {
    public let name = "show_learning_report"

    public var contract: ActionContract { ActionContract(texts: ["records.no_pair"] + LearningReport.texts) }

    public init() {}

    public func run(_ request: ActionRequest, in context: ActionContext) throws -> [String] {
        guard let scope = try RecordScope(context), let pairID = scope.pairID else {
            return [context.say("records.no_pair")]
        }
        let report = try LearningReport.load(pairID: pairID, templates: context.templates,
                                             connection: context.connection)
        return try report.send(in: context)
    }
}

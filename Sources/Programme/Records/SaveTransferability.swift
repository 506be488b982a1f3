import Engine
import Store

/// `save_transferability`: the mentee's assessment of one good practice seen during the visit, rated 1 (low)
/// to 3 (high), kept per participant and pair.
public struct SaveTransferability: FlowAction {
    public let name = "save_transferability"

    static let measure = Answer.text("measure")
    static let period = Answer.text("period")
    static let technical = Answer.text("technical")
    static let governance = Answer.text("governance")
    static let framework = Answer.text("framework")
    static let otherFactors = Answer.text("other_factors").optional
    static let rating = Answer.integer("rating")

    public var contract: ActionContract {
        ActionContract(
            [Self.measure, Self.period, Self.technical, Self.governance, Self.framework, Self.otherFactors,
             Self.rating],
            texts: ["records.no_pair", "transfer.saved"] + (1...3).map { "transfer.rating.\($0)" })
    }

    public init() {}

    public func run(_ request: ActionRequest, in context: ActionContext) throws -> [String] {
        let assessment = TransferabilityRepository.Assessment(
            measure: try request.answer(Self.measure), period: try request.answer(Self.period),
            technicalConditions: try request.answer(Self.technical), governance: try request.answer(Self.governance),
            regulatoryFramework: try request.answer(Self.framework),
            otherFactors: try request.answer(Self.otherFactors), rating: try request.answer(Self.rating))
        guard let scope = try RecordScope(context), let pairID = scope.pairID else {
            return [context.say("records.no_pair")]
        }
        let repository = TransferabilityRepository(context.connection)
        try repository.insert(
            assessment, programmeID: scope.programmeID, pairID: pairID, participantID: context.participantID,
            now: context.now)
        let count = try repository.assessments(pairID: pairID, participantID: context.participantID).count
        return [context.say("transfer.saved", [
            "measure": assessment.measure, "rating": context.say("transfer.rating.\(assessment.rating)"),
            "count": String(count),
        ])]
    }
}

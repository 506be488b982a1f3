import Engine
import Store

/// `save_transferability`: the mentee's assessment of one good practice seen during the visit, rated 1 (low)
/// to 3 (high), kept per participant and pair.
public struct SaveTransferability: FlowAction {
    public let name = "save_transferability"

    public init() {}

    public func run(_ request: ActionRequest, in context: ActionContext) throws -> [String] {
        let assessment = TransferabilityRepository.Assessment(
            measure: try request.text("measure"), period: try request.text("period"),
            technicalConditions: try request.text("technical"), governance: try request.text("governance"),
            regulatoryFramework: try request.text("framework"), otherFactors: request.optionalText("other_factors"),
            rating: try request.integer("rating"))
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

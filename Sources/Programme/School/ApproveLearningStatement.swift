import Engine
import Store

/// `approve_learning_statement` ("approve statement"): the mentee approves the newest draft of their learning
/// statement. It then goes into their portfolio, and the programme's coordinators get a copy, so the project team
/// can write their evaluation against it.
public struct ApproveLearningStatement: FlowAction {
    public let name = "approve_learning_statement"

    public var contract: ActionContract { ActionContract(texts: SchoolPair.texts + LearningStatementText.texts) }

    public init() {}

    public func run(_ request: ActionRequest, in context: ActionContext) throws -> [String] {
        let lookup = try SchoolPair.of(context)
        guard let pair = lookup.found else { return [lookup.refusal] }
        let programmeID = pair.scope.programmeID
        guard try !pair.hasOptedOut(context) else { return [context.say("statement.opted_out")] }
        let statements = LearningStatementRepository(context.connection)
        guard let newest = try statements.newest(participantID: context.participantID, programmeID: programmeID)
        else { return [context.say("statement.none")] }
        guard newest.approvedAt == nil else {
            return [context.say("statement.already_approved", ["revision": String(newest.revision)])]
        }
        try statements.approve(id: newest.id, now: context.now)
        let label = pair.scope.membership.enrolments.first { $0.pairID == pair.pairID }?.pairLabel ?? ""
        let coordinators = try ProgrammeRepository(context.connection).enrolments(
            programmeID: programmeID, role: Role.coordinator.rawValue)
        for coordinator in Set(coordinators.map(\.participantID)).sorted() {
            try context.notify(participantID: coordinator, "statement.team_notice") { language in
                [
                    "name": pair.scope.speakerName, "pair": label,
                    "document": LearningStatementText(parts: newest.parts).document(context.localizer, language),
                ]
            }
        }
        return [context.say("statement.approved", ["revision": String(newest.revision)])]
    }
}

import Engine
import Store

/// `report_mentor_leaving` ("I can't continue"): a peer mentor tells the project team they cannot go on with their
/// pair (with a reason if they like, once they confirmed). Every coordinator of the programme gets the mentor's reason
/// and the command that gives the pupil a new mentor; nothing changes until one of them does.
public struct ReportMentorLeaving: FlowAction {
    public let name = "report_mentor_leaving"

    static let reason = Answer.text("reason").optional

    public var contract: ActionContract {
        ActionContract([Self.reason], texts: SchoolPair.texts + [
            "leaving.team_notice", "leaving.no_reason", "leaving.sent", "leaving.no_team",
        ])
    }

    public init() {}

    public func run(_ request: ActionRequest, in context: ActionContext) throws -> [String] {
        let reason = try request.answer(Self.reason)
        let lookup = try SchoolPair.of(context)
        guard let pair = lookup.found else { return [lookup.refusal] }
        let membership = pair.scope.membership
        let label = membership.enrolments.first { $0.pairID == pair.pairID }?.pairLabel ?? ""
        let mentee = pair.scope.peers.filter { $0.role == Role.mentee.rawValue }.map(\.name).joined(separator: ", ")
        let coordinators = try ProgrammeRepository(context.connection).enrolments(
            programmeID: membership.programme.id, role: Role.coordinator.rawValue)
        var told = false
        for coordinator in Set(coordinators.map(\.participantID)).sorted() {
            told = try context.notify(participantID: coordinator, "leaving.team_notice") { language in
                [
                    "name": pair.scope.speakerName, "pair": label, "mentee": mentee,
                    "reason": reason ?? context.localizer.text("leaving.no_reason", language),
                ]
            } || told
        }
        return [context.say(told ? "leaving.sent" : "leaving.no_team")]
    }
}

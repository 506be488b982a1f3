import Engine
import Store

/// `confirm_erasure` ("confirm erase 3"): a coordinator erases the personal data of request 3's person (see
/// `ErasureRepository.erase`) if the request belongs to their programme and is still pending. The reply names the
/// person; the finance coordinators are told which of their claims were closed, and why.
public struct ConfirmErasure: FlowAction {
    public let name = "confirm_erasure"

    public init() {}

    public func run(_ request: ActionRequest, in context: ActionContext) throws -> [String] {
        let number = try request.integer("request")
        let erasure: ErasureRepository.Request, name: String, programme: String
        switch try ErasureLookup.find(number, in: context) {
        case .refused(let reply): return [reply]
        case .found(let found, let person, _, let programmeName):
            (erasure, name, programme) = (found, person, programmeName)
        }
        let closed = try ErasureRepository(context.connection).erase(
            participantID: erasure.participantID, decidedBy: context.participantID, requestID: erasure.id,
            now: context.now)
        var replies = [context.say("erasure.done", ["number": String(number), "name": name])]
        guard !closed.isEmpty else { return replies }
        let claims = closed.map(String.init).joined(separator: ", ")
        replies.append(context.say("erasure.claims_closed", ["claims": claims]))
        for finance in try ProgrammeRepository(context.connection).enrolments(
            programmeID: erasure.programmeID, role: Role.finance.rawValue)
        {
            try context.notify(participantID: finance.participantID, "erasure.finance_notice", [
                "claims": claims, "programme": programme, "number": String(number),
            ])
        }
        return replies
    }
}

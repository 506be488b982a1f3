import Engine
import Store

/// `confirm_erasure` ("confirm erase 3"): a coordinator erases the personal data of request 3's person (see
/// `ErasureRepository.erase`) if the request belongs to their programme and is still pending. "erase N" named the
/// person; this reply does not (it stays in the outbox after their name is gone). The finance coordinators are told
/// which of their claims were closed, and why.
public struct ConfirmErasure: FlowAction {
    public let name = "confirm_erasure"

    static let number = Answer.integer("request")

    public var contract: ActionContract {
        ActionContract([Self.number], texts: [
            "erasure.not_coordinator", "erasure.unknown", "erasure.done_before", "erasure.not_self", "erasure.done",
            "erasure.claims_closed", "erasure.finance_notice",
        ])
    }

    public init() {}

    public func run(_ request: ActionRequest, in context: ActionContext) throws -> [String] {
        let number = try request.answer(Self.number)
        let erasure: ErasureRepository.Request, programme: String
        switch try ErasureLookup.find(number, in: context) {
        case .refused(let reply): return [reply]
        case .found(let found, _, _, let programmeName): (erasure, programme) = (found, programmeName)
        }
        let closed = try ErasureRepository(context.connection).erase(
            participantID: erasure.participantID, decidedBy: context.participantID, requestID: erasure.id,
            now: context.now)
        var replies = [context.say("erasure.done", ["number": String(number)])]
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

import Engine
import Store

/// `confirm_erasure`: a coordinator's "erase N". Erases the personal data of request N's participant (see
/// `ErasureRepository.erase`) if the request belongs to the coordinator's programme and is still pending.
public struct ConfirmErasure: FlowAction {
    public let name = "confirm_erasure"

    static let number = Answer.integer("request")

    public var contract: ActionContract {
        ActionContract([Self.number], texts: [
            "erasure.not_coordinator", "erasure.unknown", "erasure.done_before", "erasure.not_self", "erasure.done",
        ])
    }

    public init() {}

    public func run(_ request: ActionRequest, in context: ActionContext) throws -> [String] {
        let number = try request.answer(Self.number)
        guard let membership = context.membership, membership.roles.contains(Role.coordinator.rawValue) else {
            return [context.say("erasure.not_coordinator")]
        }
        let repository = ErasureRepository(context.connection)
        guard let erasure = try repository.request(id: Int64(number)),
              erasure.programmeID == membership.programme.id
        else { return [context.say("erasure.unknown", ["number": String(number)])] }
        guard erasure.status == "pending" else { return [context.say("erasure.done_before", ["number": String(number)])] }
        guard erasure.participantID != context.participantID else { return [context.say("erasure.not_self")] }
        let name = try ParticipantRepository(context.connection).find(id: erasure.participantID)?.name ?? "?"
        try repository.erase(participantID: erasure.participantID, decidedBy: context.participantID, now: context.now)
        return [context.say("erasure.done", ["number": String(number), "name": name])]
    }
}

import Engine
import Store

/// `request_erasure`: "forget me". Records a request to erase the speaker's personal data and asks the programme's
/// coordinators to confirm it ("erase N"). Nothing is erased yet.
public struct RequestErasure: FlowAction {
    public let name = "request_erasure"

    public var contract: ActionContract {
        ActionContract(texts: [
            "erasure.no_programme", "erasure.already", "erasure.no_coordinator", "erasure.notice", "erasure.requested",
        ])
    }

    public init() {}

    public func run(_ request: ActionRequest, in context: ActionContext) throws -> [String] {
        guard let membership = context.membership else { return [context.say("erasure.no_programme")] }
        let (id, created) = try ErasureRepository(context.connection).request(
            participantID: context.participantID, programmeID: membership.programme.id, now: context.now)
        guard created else { return [context.say("erasure.already", ["number": String(id)])] }
        let coordinators = try SafeguardingPeople(context: context, programmeID: membership.programme.id).coordinators()
            .filter { $0.participantID != context.participantID }
        guard !coordinators.isEmpty else { return [context.say("erasure.no_coordinator", ["number": String(id)])] }
        let name = try ParticipantRepository(context.connection).find(id: context.participantID)?.name ?? "?"
        let role = membership.enrolments.map(\.role).sorted().joined(separator: ", ")
        for coordinator in coordinators {
            try context.notify(participantID: coordinator.participantID, "erasure.notice", [
                "number": String(id), "name": name, "role": role, "programme": membership.programme.name,
            ])
        }
        return [context.say("erasure.requested", [
            "number": String(id), "names": SafeguardingPeople.names(coordinators),
        ])]
    }
}

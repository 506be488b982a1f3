import Engine
import Store

/// An erasure request a coordinator names by number ("erase 3", "confirm erase 3"), checked the same way for both:
/// it exists in the coordinator's own programme, is still pending, and is not their own.
struct ErasureLookup {
    /// The request and who made it, or the reply that says why it cannot be handled.
    enum Outcome {
        case found(ErasureRepository.Request, name: String, role: String, programme: String)
        case refused(String)
    }

    static func find(_ number: Int, in context: ActionContext) throws -> Outcome {
        guard let membership = context.membership, membership.roles.contains(Role.coordinator.rawValue) else {
            return .refused(context.say("erasure.not_coordinator"))
        }
        guard let erasure = try ErasureRepository(context.connection).request(id: Int64(number)),
              erasure.programmeID == membership.programme.id
        else { return .refused(context.say("erasure.unknown", ["number": String(number)])) }
        guard erasure.status == "pending" else {
            return .refused(context.say("erasure.done_before", ["number": String(number)]))
        }
        guard erasure.participantID != context.participantID else { return .refused(context.say("erasure.not_self")) }
        let name = try ParticipantRepository(context.connection).find(id: erasure.participantID)?.name ?? "?"
        let roles = try ProgrammeRepository(context.connection).enrolments(participantID: erasure.participantID)
            .filter { $0.programme.id == erasure.programmeID }.map { context.say("role.\($0.role)") }
        return .found(erasure, name: name, role: roles.joined(separator: ", "), programme: membership.programme.name)
    }
}

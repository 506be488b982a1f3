import Engine
import Store

/// `join_programme` ("join K7P-2QX"): enrols the speaker in the programme with that join code, in the role they
/// chose, not yet paired (the coordinator pairs people by importing the pair list).
public struct JoinProgramme: FlowAction {
    public let name = "join_programme"

    public init() {}

    public func run(_ request: ActionRequest, in context: ActionContext) throws -> [String] {
        guard case .text(let typed)? = request.slots["code"] else { throw ActionInputError(action: name, slot: "code") }
        guard case .choice(let roleName)? = request.slots["role"], let role = Role(rawValue: roleName) else {
            throw ActionInputError(action: name, slot: "role")
        }
        let code = typed.uppercased().filter { !$0.isWhitespace }
        guard let programme = try ProgrammeRepository(context.connection).programme(joinCode: code) else {
            return [context.say("join.unknown_code", ["code": typed])]
        }
        // Once in a programme, in no other role: a pupil waiting for consent cannot get round it as a mentor.
        if let enrolled = try ProgrammeRepository(context.connection).enrolments(participantID: context.participantID)
            .first(where: { $0.programme.id == programme.id })
        {
            return [context.say("join.already", [
                "programme": programme.name, "role": context.say("role.\(enrolled.role)"),
            ])]
        }
        if case .text(let name)? = request.slots["name"] {
            let participants = ParticipantRepository(context.connection)
            if let me = try participants.find(id: context.participantID) {
                try participants.update(me.id, name: name, language: context.language, timeZone: programme.timeZone)
            }
        }
        try ProgrammeRepository(context.connection).enrol(
            participantID: context.participantID, programmeID: programme.id, role: role.rawValue, pairID: nil,
            cohortID: nil, supervisorEmail: nil, guardianConsent: false, now: context.now)
        return [context.say("join.done", ["programme": programme.name, "role": context.say("role.\(role.rawValue)")])]
    }
}

import Engine
import Store

/// `join_programme` ("join K7P-2QX"): enrols the speaker in the programme with that join code, in the role they
/// chose, not yet paired (the coordinator pairs people by importing the pair list). Someone Tandem does not know goes
/// on only once the code is a programme's (`NewcomerAdmission`).
public struct JoinProgramme: NewcomerAdmission {
    public let name = "join_programme"

    public init() {}

    public func run(_ request: ActionRequest, in context: ActionContext) throws -> [String] {
        guard case .text(let typed)? = request.slots["code"] else { throw ActionInputError(action: name, slot: "code") }
        guard case .choice(let roleName)? = request.slots["role"], let role = Role(rawValue: roleName) else {
            throw ActionInputError(action: name, slot: "role")
        }
        guard let programme = try Self.programme(typed, context.connection) else {
            return [context.say("join.unknown_code", ["code": typed])]
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

    public func refusal(_ slots: [String: SlotValue], connection: Connection, localizer: Localizer, language: String)
        throws -> String?
    {
        guard case .text(let typed)? = slots["code"] else { return localizer.text("status.not_enrolled", language) }
        guard try Self.programme(typed, connection) == nil else { return nil }
        return localizer.text("join.unknown_code", language, ["code": typed])
    }

    /// The programme whose join code was typed (any case, spaces ignored).
    private static func programme(_ typed: String, _ connection: Connection) throws -> ProgrammeRecord? {
        try ProgrammeRepository(connection).programme(joinCode: typed.uppercased().filter { !$0.isWhitespace })
    }
}

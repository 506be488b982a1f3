import Engine
import Store

/// `join_programme` ("join K7P-2QX"): enrols the speaker in the programme with that join code, in the role they
/// chose, not yet paired (the coordinator pairs people by importing the pair list). Someone Tandem does not know goes
/// on only once the code is a programme's (`NewcomerAdmission`); the code is read loosely ("k7p 2qx") and checked as
/// soon as it is given, before anything else is asked.
public struct JoinProgramme: NewcomerAdmission {
    public let name = "join_programme"

    static let code = Answer.text("code")
    static let participantName = Answer.text("name").optional
    static let role = Answer.choice("role", options: [Role.mentee.rawValue, Role.mentor.rawValue])

    public var contract: ActionContract {
        ActionContract(
            [Self.code, Self.participantName, Self.role],
            texts: ["join.unknown_code", "join.code_again", "join.done", "join.already"] + Role.textKeys,
            checks: [Self.code])
    }

    public init() {}

    public func run(_ request: ActionRequest, in context: ActionContext) throws -> [String] {
        let typed = try request.answer(Self.code)
        guard let role = Role(rawValue: try request.answer(Self.role)) else {
            throw ActionInputError(action: name, slot: Self.role.input.name)
        }
        guard let programme = try Self.programme(typed, context.connection) else {
            return [context.say("join.unknown_code", ["code": SlotDisplay.excerpt(typed)])]
        }
        // Once in a programme, in no other role: a pupil waiting for consent cannot get round it as a mentor.
        if let enrolled = try ProgrammeRepository(context.connection).enrolments(participantID: context.participantID)
            .first(where: { $0.programme.id == programme.id })
        {
            return [context.say("join.already", [
                "programme": programme.name, "role": context.say("role.\(enrolled.role)"),
            ])]
        }
        if let name = try request.answer(Self.participantName) {
            let participants = ParticipantRepository(context.connection)
            if let me = try participants.find(id: context.participantID) {
                try participants.update(
                    me.id, name: name, language: Localizer.language(of: context.language), timeZone: programme.timeZone)
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

    /// The programme whose join code was typed (read loosely: any case, spaces, the dash or not).
    private static func programme(_ typed: String, _ connection: Connection) throws -> ProgrammeRecord? {
        try ProgrammeRepository(connection).programme(joinCode: typed)
    }
}

extension JoinProgramme: AnswerChecking {
    public func check(_ question: String, _ answers: ActionRequest, in context: ActionContext) throws -> AnswerVerdict {
        guard question == Self.code.input.name else { return .accepted }
        let typed = try answers.answer(Self.code)
        guard try Self.programme(typed, context.connection) == nil else { return .accepted }
        return .reask(context.say("join.code_again", ["code": SlotDisplay.excerpt(typed)]), question: question)
    }
}

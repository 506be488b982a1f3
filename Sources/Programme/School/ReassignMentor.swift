import Engine
import Store

/// `reassign_mentor` ("reassign pair 3 to Elif"): a coordinator gives a pair a new mentor — one of the programme's
/// mentors — when the old one cannot go on. The pair's history stays with the pair, so the mentee keeps it and the
/// new mentor sees it; the previous mentor's access to it ends. The mentee, the new and the previous mentor are
/// told, each in their language. Nothing changes for a pair whose pupil has no recorded guardian consent.
public struct ReassignMentor: FlowAction {
    public let name = "reassign_mentor"

    static let pair = Answer.text("pair")
    static let mentor = Answer.text("mentor")

    public var contract: ActionContract {
        ActionContract([Self.pair, Self.mentor], texts: CoordinatedPair.texts + [
            "reassign.unknown_mentor", "reassign.ambiguous",
            "reassign.already", "reassign.done", "reassign.done_first", "reassign.mentee_notice",
            "reassign.new_mentor_notice", "reassign.previous_notice",
        ])
    }

    public init() {}

    public func run(_ request: ActionRequest, in context: ActionContext) throws -> [String] {
        let typed = try request.answer(Self.mentor)
        let lookup = try CoordinatedPair.named(try request.answer(Self.pair), context)
        guard let pair = lookup.found else { return [lookup.refusal] }
        let (pairID, label, programmeID) = (pair.pairID, pair.label, pair.membership.programme.id)
        let connection = context.connection
        let people = ParticipantRepository(connection)
        let programmes = ProgrammeRepository(connection)
        var mentors: [MentorName.Person] = []
        for enrolment in try programmes.enrolments(programmeID: programmeID, role: Role.mentor.rawValue)
        where !mentors.contains(where: { $0.id == enrolment.participantID }) {
            mentors.append(.init(id: enrolment.participantID, name: try people.find(id: enrolment.participantID)?.name
                ?? ""))
        }
        let matches = MentorName(connectors: context.localizer.words("words.reassign.to", context.language))
            .matches(typed, among: mentors)
        guard let chosen = matches.first else {
            return [context.say("reassign.unknown_mentor", [
                "name": typed, "mentors": mentors.map(\.name).sorted().joined(separator: ", "),
            ])]
        }
        guard matches.count == 1 else {
            return [context.say("reassign.ambiguous", ["name": typed, "mentors": matches.map(\.name)
                .joined(separator: ", ")])]
        }
        let members = try programmes.members(pairID: pairID)
        let mentees = try members.filter { $0.role == Role.mentee.rawValue }
            .map { MentorName.Person(id: $0.participantID, name: try people.find(id: $0.participantID)?.name ?? "") }
        let menteeNames = mentees.map(\.name).joined(separator: ", ")
        guard !members.contains(where: { $0.role == Role.mentor.rawValue && $0.participantID == chosen.id }) else {
            return [context.say("reassign.already", ["mentor": chosen.name, "pair": label, "mentee": menteeNames])]
        }
        let previous = try programmes.reassignMentor(
            pairID: pairID, programmeID: programmeID, to: chosen.id, decidedBy: context.participantID,
            now: context.now)
        let previousNames = try previous.map { try people.find(id: $0)?.name ?? "" }
        for mentee in mentees {
            try context.notify(participantID: mentee.id, "reassign.mentee_notice", ["mentor": chosen.name])
        }
        try context.notify(participantID: chosen.id, "reassign.new_mentor_notice", ["mentee": menteeNames])
        for id in previous {
            try context.notify(participantID: id, "reassign.previous_notice", ["mentee": menteeNames])
        }
        let arguments = [
            "pair": label, "mentor": chosen.name, "mentee": menteeNames,
            "previous": previousNames.joined(separator: ", "),
        ]
        return [context.say(previous.isEmpty ? "reassign.done_first" : "reassign.done", arguments)]
    }
}

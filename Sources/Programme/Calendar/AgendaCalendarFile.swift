import Engine
import Store

/// The calendar file of a pair's agenda for each member: the same events (UIDs, times, SEQUENCE), the texts in the
/// member's language and naming the other members (if the pair has any yet).
struct AgendaCalendarFile {
    let calendar: AgendaCalendar
    let programme: String
    let members: [(participantID: Int64, name: String)]
    let agenda: AgendaRepository.Agenda

    /// What the file and its covering line say.
    static let texts = ["calendar.description", "calendar.summary.alone", "calendar.summary", "calendar.attached"]

    /// The pair's agenda history (`AgendaRepository.revisions`, at least one) in the programme's zone, with the
    /// template's meeting length (an hour when the template names none).
    init(revisions: [AgendaRepository.Agenda], membership: Membership, _ context: ActionContext) throws {
        guard let agenda = revisions.last else { preconditionFailure("a calendar needs an agenda") }
        let pairID = agenda.pairID
        let participants = ParticipantRepository(context.connection)
        members = try ProgrammeRepository(context.connection).members(pairID: pairID).map { member in
            (member.participantID, try participants.find(id: member.participantID)?.name ?? "")
        }
        self.agenda = agenda
        programme = membership.programme.name
        let minutes = membership.template.meetingMinutes
        calendar = AgendaCalendar(
            revisions: revisions, timeZone: membership.programme.timeZone, sessionMinutes: minutes > 0 ? minutes : 60,
            now: context.now)
    }

    /// The file as `participantID` receives it, in `language`.
    func file(for participantID: Int64, language: String, _ context: ActionContext) -> OutboxFile {
        let others = members.filter { $0.participantID != participantID }.map(\.name).joined(separator: ", ")
        let description = context.localizer.text("calendar.description", language, [
            "programme": programme, "topics": agenda.topics.joined(separator: ", "), "notes": agenda.notes ?? "—",
        ])
        let bytes = calendar.render(
            summary: { number, count in
                context.localizer.text(others.isEmpty ? "calendar.summary.alone" : "calendar.summary", language, [
                    "number": String(number), "count": String(count), "peers": others,
                ])
            }, description: description)
        return OutboxFile(filename: AgendaCalendar.filename, mediaType: AgendaCalendar.mediaType, bytes: bytes)
    }

    /// `text` followed by the line that explains the attached file.
    static func withAttachedLine(_ text: String, language: String, _ context: ActionContext) -> String {
        text + "\n" + context.localizer.text("calendar.attached", language, ["file": AgendaCalendar.filename])
    }
}

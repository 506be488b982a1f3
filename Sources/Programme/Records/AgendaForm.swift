import Foundation
import Store

/// The agenda form a pair member's direct supervisor receives by email: the participant, the other participant,
/// the programme, the dates and times of the sessions, the topics and any additional information.
struct AgendaForm {
    let agenda: AgendaRepository.Agenda
    let programme: String

    /// Queues one email per pair member who has a supervisor address, in that member's language; returns how many.
    func queueForSupervisors(_ context: ActionContext) throws -> Int {
        let members = try ProgrammeRepository(context.connection).members(pairID: agenda.pairID)
        let participants = ParticipantRepository(context.connection)
        var queued = 0
        for member in members {
            guard let supervisor = member.supervisorEmail?.trimmingCharacters(in: .whitespaces),
                  !supervisor.isEmpty
            else { continue }
            let person = try participants.find(id: member.participantID)
            let language = person?.language ?? context.language
            let others = try members.filter { $0.participantID != member.participantID }.map { other in
                let name = try participants.find(id: other.participantID)?.name ?? ""
                return "\(name) (\(context.localizer.text("role.\(other.role)", language)))"
            }
            var arguments = AgendaText(agenda: agenda).arguments(context, language: language)
            arguments["programme"] = programme
            arguments["name"] = person?.name ?? ""
            arguments["role"] = context.localizer.text("role.\(member.role)", language)
            arguments["others"] = others.joined(separator: ", ")
            try OutboxRepository(context.connection).enqueue(
                conversationID: nil, channel: "email", address: supervisor,
                body: context.localizer.text("agenda.form", language, arguments), now: context.now)
            queued += 1
        }
        return queued
    }
}

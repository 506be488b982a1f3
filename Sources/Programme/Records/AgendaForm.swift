import Foundation
import Store

/// The agenda form a pair member's direct supervisor receives by email: the participant, the other participant,
/// the programme, the dates and times of the sessions, the topics and any additional information. It says the
/// agenda was agreed in the pair, so it goes only once every member confirmed the revision.
struct AgendaForm {
    let agenda: AgendaRepository.Agenda
    let programme: String

    /// Once every member of the pair has confirmed this revision, queues the form to the supervisors (the first
    /// time only) and returns how many were queued; nil while someone has yet to confirm.
    func queueWhenAgreed(_ context: ActionContext) throws -> Int? {
        let agendas = AgendaRepository(context.connection)
        let members = Set(
            try ProgrammeRepository(context.connection).members(pairID: agenda.pairID).map(\.participantID))
        guard members.isSubset(of: try agendas.confirmedBy(agendaID: agenda.id)) else { return nil }
        guard try agendas.markSentToSupervisors(agendaID: agenda.id, now: context.now) else { return 0 }
        return try queueForSupervisors(context)
    }

    /// Queues one email per pair member who has a supervisor address, in that member's language; returns how many.
    private func queueForSupervisors(_ context: ActionContext) throws -> Int {
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
                conversationID: nil, channel: .email, address: supervisor,
                body: context.localizer.text("agenda.form", language, arguments), now: context.now)
            queued += 1
        }
        return queued
    }
}

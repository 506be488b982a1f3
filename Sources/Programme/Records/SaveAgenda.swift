import Engine
import Store

/// `save_agenda`: stores the pair's agenda (a new revision if one exists, confirmed by its author) with sessions
/// derived from the first date and the frequency, tells the peer (who confirms it with "confirm agenda"), and sends
/// both members the sessions as a calendar file (`.ics`, attached to the reply and to the peer's notice). The agenda
/// form goes to each member's supervisor by email once every member confirmed the revision (`ConfirmAgenda`).
public struct SaveAgenda: FlowAction {
    public let name = "save_agenda"

    static let sessions = Answer.integer("sessions")
    static let frequency = Answer.choice("frequency", options: AgendaFrequency.allCases.map(\.rawValue))
    static let firstDate = Answer.date("first_date")
    static let time = Answer.time("time")
    static let topics = Answer.list("topics")
    static let notes = Answer.text("notes").optional

    public var contract: ActionContract {
        ActionContract(
            [Self.sessions, Self.frequency, Self.firstDate, Self.time, Self.topics, Self.notes],
            texts: [
                "records.no_pair", "agenda.peer_notice", "agenda.saved", "agenda.supervisors", "agenda.form",
                "agenda.waiting_peer",
            ]
                + AgendaText.texts + AgendaCalendarFile.texts + Role.textKeys)
    }

    public init() {}

    public func run(_ request: ActionRequest, in context: ActionContext) throws -> [String] {
        let count = try request.answer(Self.sessions)
        guard let frequency = AgendaFrequency(rawValue: try request.answer(Self.frequency)) else {
            throw ActionInputError(action: name, slot: Self.frequency.input.name)
        }
        let time = try request.answer(Self.time)
        let sessions = frequency.dates(from: try request.answer(Self.firstDate), count: count)
            .map { AgendaRepository.Session(date: $0, time: time) }
        guard let scope = try RecordScope(context), let pairID = scope.pairID else {
            return [context.say("records.no_pair")]
        }
        let agenda = try AgendaRepository(context.connection).save(
            programmeID: scope.programmeID, pairID: pairID, authorID: context.participantID,
            frequency: frequency.rawValue, sessions: sessions, topics: try request.answer(Self.topics),
            notes: try request.answer(Self.notes), sourceMessageID: context.sourceMessageID, now: context.now)
        try scope.recordDelivered("agenda_form", context)
        let text = AgendaText(agenda: agenda)
        let calendar = try AgendaCalendarFile(
            revisions: try AgendaRepository(context.connection).revisions(pairID: pairID), membership: scope.membership,
            context)
        for peer in scope.peers {
            let language = try context.voice(ofParticipant: peer.participantID)
            var arguments = text.arguments(context, language: language)
            arguments["name"] = scope.speakerName
            let notice = context.localizer.text("agenda.peer_notice", language, arguments)
            try context.send(
                AgendaCalendarFile.withAttachedLine(notice, language: language, context),
                toParticipant: peer.participantID,
                attachments: [calendar.file(for: peer.participantID, language: language, context)])
        }
        try AgendaRepository(context.connection).confirm(
            agendaID: agenda.id, participantID: context.participantID, now: context.now)
        let sent = try AgendaForm(agenda: agenda, programme: scope.membership.programme.name).queueWhenAgreed(context)
        let saved = context.say("agenda.saved", text.arguments(context, language: context.language))
        let delivered = try context.reply(
            AgendaCalendarFile.withAttachedLine(saved, language: context.language, context),
            attachments: [calendar.file(for: context.participantID, language: context.language, context)])
        var replies = delivered ? [] : [saved]
        if let sent, sent > 0 {
            replies.append(context.say("agenda.supervisors", ["count": String(sent)]))
        } else if sent == nil {
            let peers = scope.peers.map(\.name).joined(separator: ", ")
            replies.append(context.say("agenda.waiting_peer", ["peers": peers]))
        }
        return replies
    }
}

import Engine
import Store

/// `send_calendar` ("calendar", "our calendar"): the pair's agreed sessions as an `.ics` file, sent to the speaker
/// with the reply. Opening it again in a calendar updates the sessions added before.
public struct SendCalendar: FlowAction {
    public let name = "send_calendar"

    public var contract: ActionContract {
        ActionContract(texts: ["records.no_pair", "agenda.none", "calendar.sent"] + AgendaCalendarFile.texts)
    }

    public init() {}

    public func run(_ request: ActionRequest, in context: ActionContext) throws -> [String] {
        guard let scope = try RecordScope(context), let pairID = scope.pairID else {
            return [context.say("records.no_pair")]
        }
        let revisions = try AgendaRepository(context.connection).revisions(pairID: pairID)
        guard !revisions.isEmpty else { return [context.say("agenda.none")] }
        let calendar = try AgendaCalendarFile(revisions: revisions, membership: scope.membership, context)
        let sent = context.say("calendar.sent", [
            "count": String(calendar.agenda.sessions.count), "revision": String(calendar.agenda.revision),
        ])
        let file = calendar.file(for: context.participantID, language: context.language, context)
        let text = AgendaCalendarFile.withAttachedLine(sent, language: context.language, context)
        return try context.reply(text, attachments: [file]) ? [] : [sent]
    }
}

import Engine
import Store

/// `list_log_entries`: shows the participant's own mentoring log (date, time, duration, topics).
public struct ListLogEntries: FlowAction {
    public let name = "list_log_entries"

    public init() {}

    public func run(_ request: ActionRequest, in context: ActionContext) throws -> [String] {
        let entries = try LogEntryRepository(context.connection).entries(participantID: context.participantID)
        guard !entries.isEmpty else { return [context.say("log.list.empty")] }
        let lines = entries.map { entry in
            context.say("log.list.item", [
                "date": entry.date.iso, "time": entry.startTime?.description ?? "—",
                "duration": SlotDisplay.text(.duration(minutes: entry.durationMinutes)),
                "topics": entry.topics.joined(separator: ", "),
            ])
        }
        let total = entries.reduce(0) { $0 + $1.durationMinutes }
        return [context.say("log.list.header", [
            "count": String(entries.count), "total": SlotDisplay.text(.duration(minutes: total)),
        ]) + "\n" + lines.joined(separator: "\n")]
    }
}

import Engine
import Store

/// `change_log_entry` ("change the duration to 60", flow `change_log`, which `edits: log_session`): changes what the
/// message named in the meeting the speaker logged last; the pair's other members are told what changed.
public struct ChangeLogEntry: FlowAction {
    public let name = "change_log_entry"

    static let date = Answer.date("date").optional
    static let start = Answer.time("start").optional
    static let duration = Answer.duration("duration").optional
    static let topics = Answer.list("topics").optional
    static let nextSteps = Answer.text("next_steps").optional

    public var contract: ActionContract {
        ActionContract(
            [Self.date, Self.start, Self.duration, Self.topics, Self.nextSteps],
            texts: ["log.change.none", "log.changed", "log.changed_notice"]
                + ["date", "start", "duration", "topics", "next_steps"].map { "log.label.\($0)" })
    }

    public init() {}

    public func run(_ request: ActionRequest, in context: ActionContext) throws -> [String] {
        let log = LogEntryRepository(context.connection)
        guard let (old, _) = try log.latest(participantID: context.participantID) else {
            return [context.say("log.change.none")]
        }
        let date = try request.answer(Self.date)
        let start = try request.answer(Self.start)
        let duration = try request.answer(Self.duration)
        let topics = try request.answer(Self.topics)
        let nextSteps = try request.answer(Self.nextSteps)
        let entry = LogEntry(
            id: old.id, participantID: old.participantID, programmeID: old.programmeID, pairID: old.pairID,
            date: date ?? old.date, startTime: start ?? old.startTime, durationMinutes: duration ?? old.durationMinutes,
            topics: topics ?? old.topics, nextSteps: nextSteps ?? old.nextSteps)
        try log.update(entry)
        let changed: [(String, SlotValue?)] = [
            ("date", date.map(SlotValue.date)), ("start", start.map(SlotValue.time)),
            ("duration", duration.map { .duration(minutes: $0) }), ("topics", topics.map(SlotValue.list)),
            ("next_steps", nextSteps.map(SlotValue.text)),
        ]
        let changes = changed.compactMap { field, value in
            value.map { value in
                "\(context.label("log.label.\(field)").lowercased()) "
                    + context.localizer.display(value, context.language)
            }
        }.joined(separator: ", ")
        let arguments = ["date": old.date.iso, "changes": changes]
        try entry.notifyPeers("log.changed_notice", arguments, in: context)
        return [context.say("log.changed", arguments)]
    }
}

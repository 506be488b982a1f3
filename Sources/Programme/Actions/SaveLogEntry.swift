import Engine
import Store

/// `save_log_entry`: stores a logged meeting (date, start time, duration, topics, next steps) in the mentoring log.
public struct SaveLogEntry: FlowAction {
    public let name = "save_log_entry"

    public init() {}

    public func run(_ request: ActionRequest, in context: ActionContext) throws -> [String] {
        guard case .date(let date)? = request.slots["date"] else { throw ActionInputError(action: name, slot: "date") }
        guard case .duration(let minutes)? = request.slots["duration"] else {
            throw ActionInputError(action: name, slot: "duration")
        }
        guard case .list(let topics)? = request.slots["topics"] else { throw ActionInputError(action: name, slot: "topics") }
        var start: ClockTime?
        if case .time(let time)? = request.slots["start"] { start = time }
        var nextSteps: String?
        if case .text(let text)? = request.slots["next_steps"] { nextSteps = text }

        let membership = context.membership
        let pairID = membership?.pairIDs.first
        let entry = LogEntry(
            participantID: context.participantID, programmeID: membership?.programme.id, pairID: pairID, date: date,
            startTime: start, durationMinutes: minutes, topics: topics, nextSteps: nextSteps)
        let log = LogEntryRepository(context.connection)
        try log.insert(entry, sourceMessageID: context.sourceMessageID, now: context.now)
        let count = try pairID.map { try log.count(pairID: $0) } ?? log.count(participantID: context.participantID)
        let duration = SlotDisplay.text(.duration(minutes: minutes))
        let name = try ParticipantRepository(context.connection).find(id: context.participantID)?.name ?? ""
        for peer in membership?.peers ?? [] where peer.pairID == pairID {
            try context.notify(participantID: peer.participantID, "log.peer_notice", [
                "name": name, "date": date.iso, "duration": duration, "topics": topics.joined(separator: ", "),
            ])
        }
        return [context.say("log.saved", ["date": date.iso, "duration": duration, "count": String(count)])]
    }
}

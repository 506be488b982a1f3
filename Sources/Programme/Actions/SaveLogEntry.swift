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
        let entry = LogEntry(
            participantID: context.participantID, programmeID: membership?.programme.id,
            pairID: membership?.pairIDs.first, date: date, startTime: start, durationMinutes: minutes, topics: topics,
            nextSteps: nextSteps)
        return [try Self.save(entry, in: context)]
    }

    /// Stores `entry`, tells the other members of its pair, and returns the reply to the person who logged it
    /// (shared with the "did you meet?" answer, which logs a meeting too).
    static func save(_ entry: LogEntry, in context: ActionContext) throws -> String {
        let log = LogEntryRepository(context.connection)
        try log.insert(entry, sourceMessageID: context.sourceMessageID, now: context.now)
        let count = try entry.pairID.map { try log.count(pairID: $0) }
            ?? log.count(participantID: context.participantID)
        let duration = SlotDisplay.text(.duration(minutes: entry.durationMinutes))
        let name = try ParticipantRepository(context.connection).find(id: context.participantID)?.name ?? ""
        for peer in context.membership?.peers ?? [] where peer.pairID == entry.pairID {
            try context.notify(participantID: peer.participantID, "log.peer_notice", [
                "name": name, "date": entry.date.iso, "duration": duration,
                "topics": entry.topics.joined(separator: ", "),
            ])
        }
        return context.say("log.saved", ["date": entry.date.iso, "duration": duration, "count": String(count)])
    }
}

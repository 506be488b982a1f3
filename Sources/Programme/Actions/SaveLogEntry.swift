import Engine
import Store

/// `save_log_entry`: stores a logged meeting (date, start time, duration, topics, next steps) in the mentoring log.
public struct SaveLogEntry: FlowAction {
    public let name = "save_log_entry"

    static let date = Answer.date("date")
    static let start = Answer.time("start").optional
    static let duration = Answer.duration("duration")
    static let topics = Answer.list("topics")
    static let nextSteps = Answer.text("next_steps").optional

    public var contract: ActionContract {
        ActionContract([Self.date, Self.start, Self.duration, Self.topics, Self.nextSteps], texts: Self.texts)
    }

    /// What saving a meeting says (shared with the "did you meet?" answer).
    static let texts = ["log.peer_notice", "log.saved"]

    public init() {}

    public func run(_ request: ActionRequest, in context: ActionContext) throws -> [String] {
        let membership = context.membership
        let entry = LogEntry(
            participantID: context.participantID, programmeID: membership?.programme.id,
            pairID: membership?.pairIDs.first, date: try request.answer(Self.date),
            startTime: try request.answer(Self.start), durationMinutes: try request.answer(Self.duration),
            topics: try request.answer(Self.topics), nextSteps: try request.answer(Self.nextSteps))
        return [try Self.save(entry, in: context)]
    }

    /// Stores `entry`, tells the other members of its pair, and returns the reply to the person who logged it
    /// (shared with the "did you meet?" answer, which logs a meeting too).
    static func save(_ entry: LogEntry, in context: ActionContext) throws -> String {
        let log = LogEntryRepository(context.connection)
        try log.insert(entry, sourceMessageID: context.sourceMessageID, now: context.now)
        let count = try entry.pairID.map { try log.count(pairID: $0) }
            ?? log.count(participantID: context.participantID)
        let duration = context.localizer.duration(minutes: entry.durationMinutes, context.language)
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

import Engine
import Store

/// `save_log_entry`: stores a logged meeting (date, start time, duration, topics, next steps) in the mentoring log
/// — or, when the person said a meeting on a day already logged is a correction, replaces that one.
public struct SaveLogEntry: RecordedAnswers {
    public let name = "save_log_entry"

    static let date = Answer.date("date")
    static let start = Answer.time("start").optional
    static let duration = Answer.duration("duration")
    static let topics = Answer.list("topics")
    static let nextSteps = Answer.text("next_steps").optional
    /// The date of the logged meeting this one corrects (the flow is `unique: date`).
    static let replaces = Answer.date(Engine.replacesKey).optional

    public var contract: ActionContract {
        ActionContract(
            [Self.date, Self.start, Self.duration, Self.topics, Self.nextSteps, Self.replaces],
            texts: Self.texts + ["log.replaced", "log.replaced_notice"])
    }

    /// What saving a meeting says (shared with the "did you meet?" answer).
    static let texts = ["log.peer_notice", "log.saved"]

    public init() {}

    public func run(_ request: ActionRequest, in context: ActionContext) throws -> [String] {
        let membership = context.membership
        var entry = LogEntry(
            participantID: context.participantID, programmeID: membership?.programme.id,
            pairID: membership?.pairIDs.first, date: try request.answer(Self.date),
            startTime: try request.answer(Self.start), durationMinutes: try request.answer(Self.duration),
            topics: try request.answer(Self.topics), nextSteps: try request.answer(Self.nextSteps))
        if let day = try request.answer(Self.replaces),
           let old = try Self.entries(context).last(where: { $0.date == day }) {
            entry.id = old.id
            try LogEntryRepository(context.connection).update(entry)
            try entry.notifyPeers("log.replaced_notice", entry.arguments(context), in: context)
            return [context.say("log.replaced", entry.arguments(context))]
        }
        return [try Self.save(entry, in: context)]
    }

    /// Whether the pair (or, unpaired, the speaker) already logged a meeting on that date.
    public func isRecorded(_ question: String, _ value: SlotValue, in context: ActionContext) throws -> Bool {
        guard question == Self.date.input.name, case .date(let date) = value else { return false }
        let log = LogEntryRepository(context.connection)
        if let pairID = context.membership?.pairIDs.first { return try log.exists(pairID: pairID, date: date) }
        return try log.exists(participantID: context.participantID, date: date)
    }

    private static func entries(_ context: ActionContext) throws -> [LogEntry] {
        let log = LogEntryRepository(context.connection)
        if let pairID = context.membership?.pairIDs.first { return try log.entries(pairID: pairID) }
        return try log.entries(participantID: context.participantID)
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

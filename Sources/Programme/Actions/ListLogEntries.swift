import Engine
import Store

/// `list_log_entries` ("my log": what I logged) and `list_pair_log` ("our log": what either of us logged).
/// Only the participant's own pair is ever read.
public struct ListLogEntries: FlowAction {
    /// Whose meetings to list.
    public enum Scope: Sendable {
        case own, pair
    }

    public let scope: Scope
    public var name: String { scope == .own ? "list_log_entries" : "list_pair_log" }

    public var contract: ActionContract {
        ActionContract(texts: ["log.list.no_pair", "log.list.empty", "log.list.item", "log.list.header"])
    }

    public init(_ scope: Scope) { self.scope = scope }

    public func run(_ request: ActionRequest, in context: ActionContext) throws -> [String] {
        let log = LogEntryRepository(context.connection)
        let entries: [LogEntry]
        switch scope {
        case .own: entries = try log.entries(participantID: context.participantID)
        case .pair:
            guard let pairID = context.membership?.pairIDs.first else { return [context.say("log.list.no_pair")] }
            entries = try log.entries(pairID: pairID)
        }
        guard !entries.isEmpty else { return [context.say("log.list.empty")] }
        let participants = ParticipantRepository(context.connection)
        let lines = try entries.map { entry in
            var line = context.say("log.list.item", [
                "date": entry.date.iso, "time": entry.startTime?.description ?? "—",
                "duration": context.localizer.duration(minutes: entry.durationMinutes, context.language),
                "topics": entry.topics.joined(separator: ", "),
            ])
            if scope == .pair, entry.participantID != context.participantID {
                line += " — " + (try participants.find(id: entry.participantID)?.name ?? "")
            }
            return line
        }
        let total = entries.reduce(0) { $0 + $1.durationMinutes }
        return [context.say("log.list.header", [
            "count": String(entries.count), "total": context.localizer.duration(minutes: total, context.language),
        ]) + "\n" + lines.joined(separator: "\n")]
    }
}

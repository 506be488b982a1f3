import Engine
import Store

/// `save_session_outcome`: the answer to the scheduler's "did you meet?" (flows/did_you_meet.flow) about an agreed
/// session of the pair's agenda. `met` logs the meeting on the session's date, as "log" would; `cancelled` records
/// that it did not take place (it is then no longer expected) and tells the peer.
public struct SaveSessionOutcome: FlowAction {
    public let name = "save_session_outcome"

    static let date = Answer.date("date")
    static let outcome = Answer.choice("outcome", options: ["met", "cancelled"])
    /// Asked only when they met.
    static let duration = Answer.duration("duration").optional
    static let topics = Answer.list("topics").optional

    public var contract: ActionContract {
        ActionContract(
            [Self.date, Self.outcome, Self.duration, Self.topics],
            texts: ["met.no_pair", "met.cancelled_notice", "met.cancelled"] + SaveLogEntry.texts)
    }

    public init() {}

    public func run(_ request: ActionRequest, in context: ActionContext) throws -> [String] {
        let date = try request.answer(Self.date)
        let outcome = try request.answer(Self.outcome)
        guard let membership = context.membership, let pairID = try pair(of: membership, on: date, context) else {
            return [context.say("met.no_pair")]
        }
        if outcome == "cancelled" {
            try SessionCancellationRepository(context.connection).cancel(
                programmeID: membership.programme.id, pairID: pairID, date: date.iso,
                participantID: context.participantID, sourceMessageID: context.sourceMessageID, now: context.now)
            let name = try ParticipantRepository(context.connection).find(id: context.participantID)?.name ?? ""
            for peer in membership.peers where peer.pairID == pairID {
                try context.notify(participantID: peer.participantID, "met.cancelled_notice", [
                    "name": name, "date": date.iso,
                ])
            }
            return [context.say("met.cancelled", ["date": date.iso])]
        }
        guard let minutes = try request.answer(Self.duration) else {
            throw ActionInputError(action: name, slot: Self.duration.input.name)
        }
        guard let topics = try request.answer(Self.topics) else {
            throw ActionInputError(action: name, slot: Self.topics.input.name)
        }
        let entry = LogEntry(
            participantID: context.participantID, programmeID: membership.programme.id, pairID: pairID, date: date,
            startTime: nil, durationMinutes: minutes, topics: topics, nextSteps: nil)
        return [try SaveLogEntry.save(entry, in: context)]
    }

    /// The person's pair whose agreed agenda has a session on `date` (a mentor may have several pairs), else their
    /// first pair.
    private func pair(of membership: Membership, on date: CalendarDate, _ context: ActionContext) throws -> Int64? {
        let agendas = AgendaRepository(context.connection)
        for pairID in membership.pairIDs where try agendas.current(pairID: pairID)?.sessions
            .contains(where: { $0.date == date }) == true {
            return pairID
        }
        return membership.pairIDs.first
    }
}

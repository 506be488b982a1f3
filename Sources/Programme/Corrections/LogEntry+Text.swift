import Engine
import Store

extension LogEntry {
    /// The arguments texts about one logged meeting use: its date and duration (in the speaker's notation).
    func arguments(_ context: ActionContext) -> [String: String] {
        ["date": date.iso, "duration": context.localizer.duration(minutes: durationMinutes, context.language)]
    }

    /// Tells the other members of the entry's pair `key` about it, with `arguments` and the speaker's name.
    func notifyPeers(_ key: String, _ arguments: [String: String], in context: ActionContext) throws {
        guard let pairID else { return }
        let name = try ParticipantRepository(context.connection).find(id: context.participantID)?.name ?? ""
        var arguments = arguments
        arguments["name"] = name
        for peer in context.membership?.peers ?? [] where peer.pairID == pairID {
            try context.notify(participantID: peer.participantID, key, arguments)
        }
    }
}

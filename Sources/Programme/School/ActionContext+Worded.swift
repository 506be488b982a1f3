import Engine
import Store

extension ActionContext {
    /// Tells another participant something in their own language, with the arguments worded in it too (a stage's
    /// name, the indications ticked): `arguments` is given that language. False if they cannot be reached.
    @discardableResult
    func notify(participantID: Int64, _ key: String, worded arguments: (String) -> [String: String]) throws -> Bool {
        let language = try ParticipantRepository(connection).find(id: participantID)?.language ?? language
        return try send(localizer.text(key, language, arguments(language)), toParticipant: participantID,
                        attachments: [])
    }

    /// The first name a text gives (before any comma: "goals set, goals" → "goals set"), in `language`.
    func label(_ key: String, in language: String) -> String {
        let text = localizer.text(key, language)
        return text.split(separator: ",").first.map { $0.trimmingCharacters(in: .whitespaces) } ?? text
    }
}

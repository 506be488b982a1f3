/// Why an answer was not accepted. `key` names a locale text (e.g. `error.date.future`) and `arguments`
/// fill its `{placeholders}`, so the re-prompt says what was wrong in the participant's language.
public struct SlotError: Error, Sendable, Hashable {
    public let key: String
    public let arguments: [String: String]

    public init(_ key: String, _ arguments: [String: String] = [:]) {
        self.key = key
        self.arguments = arguments
    }
}

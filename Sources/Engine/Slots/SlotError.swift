/// Why an answer was not accepted. `key` names a locale text (e.g. `error.date.future`) and `arguments`
/// fill its `{placeholders}`, so the re-prompt says what was wrong in the participant's language. A placeholder
/// that is a value (a rule's bound, `{min}`) is also in `values`, for showing it in that language's notation.
public struct SlotError: Error, Sendable, Hashable {
    public let key: String
    public let arguments: [String: String]
    public let values: [String: SlotValue]

    public init(_ key: String, _ arguments: [String: String] = [:], values: [String: SlotValue] = [:]) {
        self.key = key
        self.arguments = arguments
        self.values = values
    }
}

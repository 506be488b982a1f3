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

    /// Whether the answer could not be read as a `type` at all (as opposed to read and refused by a rule): a
    /// sentence that says so may still hold a value somewhere.
    public func isUnreadable(as type: SlotType) -> Bool {
        key == "error.\(type.rawValue).invalid" || (type == .integer && key == Self.scaleUnreadable)
    }

    /// An answer on a scale read neither as a number nor as the scale's words; says the range and two phrases.
    static let scaleUnreadable = "error.integer.scale"
}

/// A completed flow lacks an answer its action reads, or holds it as another type, or names no action that
/// exists (`slot` empty): the flow and the action disagree (which `tandem dialogs check` reports before this can
/// happen).
public struct ActionInputError: Error, Sendable, CustomStringConvertible {
    public let action: String
    public let slot: String

    public init(action: String, slot: String) {
        self.action = action
        self.slot = slot
    }

    public var description: String {
        slot.isEmpty ? "no action `\(action)`" : "action `\(action)` needs slot `\(slot)` of another type or present"
    }
}

/// One answer an action reads from a completed flow, as the action declares it: the question's name, the kind of
/// answer, whether a flow may leave it out, and (for a choice) the option ids the action understands.
/// `tandem dialogs check` holds every flow naming the action to these declarations.
public struct ActionInput: Sendable, Hashable {
    public let name: String
    public let type: SlotType
    /// A flow may skip it, leave it on a branch not taken, or not ask it at all.
    public let isOptional: Bool
    /// For a choice: the option ids the action knows (a flow may offer fewer); nil = any.
    public let options: [String]?

    public init(_ name: String, _ type: SlotType, optional: Bool = false, options: [String]? = nil) {
        self.name = name
        self.type = type
        self.isOptional = optional
        self.options = options
    }
}

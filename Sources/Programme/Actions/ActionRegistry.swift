import Engine

/// The actions flow files may name. `tandem dialogs check` rejects a flow naming any other.
public struct ActionRegistry: Sendable {
    private let actions: [String: any FlowAction]

    public init(_ actions: [any FlowAction]) {
        self.actions = Dictionary(uniqueKeysWithValues: actions.map { ($0.name, $0) })
    }

    /// Every action Tandem ships.
    public static let standard = ActionRegistry(
        core + participantRecordActions + expenseActions + facilitationActions + safeguardingActions + reportActions)

    /// Logging, status and joining.
    static let core: [any FlowAction] = [
        SaveLogEntry(), ListLogEntries(.own), ListLogEntries(.pair), ShowStatus(), JoinProgramme(),
    ]

    public var names: Set<String> { Set(actions.keys) }

    public func action(named name: String) -> (any FlowAction)? { actions[name] }
}

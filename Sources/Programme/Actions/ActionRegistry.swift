import Engine

/// The actions flow files may name. `tandem dialogs check` rejects a flow naming any other.
public struct ActionRegistry: Sendable {
    private let actions: [String: any FlowAction]

    public init(_ actions: [any FlowAction]) {
        self.actions = Dictionary(uniqueKeysWithValues: actions.map { ($0.name, $0) })
    }

    /// Every action Tandem ships, with bank details sealed by the database's own key.
    public static let standard = standard(bankDetailsKey: nil)

    /// Every action Tandem ships, with bank details sealed by `bankDetailsKey` (the configured `expenses.data_key`)
    /// and what was saved undoable for `undoMinutes` (`dialogs.undo_minutes`).
    public static func standard(bankDetailsKey: BankDetailsKey?, undoMinutes: Int = 60) -> ActionRegistry {
        ActionRegistry(
            core + participantRecordActions + expenseActions(bankDetailsKey: bankDetailsKey) + facilitationActions
                + safeguardingActions + reportActions + correctionActions(undoMinutes: undoMinutes))
    }

    /// Logging, status and joining.
    static let core: [any FlowAction] = [
        SaveLogEntry(), ListLogEntries(.own), ListLogEntries(.pair), ShowStatus(), JoinProgramme(),
    ]

    public var names: Set<String> { Set(actions.keys) }

    /// What each action reads and says, for `tandem dialogs check`.
    public var contracts: [String: ActionContract] { actions.mapValues(\.contract) }

    public func action(named name: String) -> (any FlowAction)? { actions[name] }
}

extension ActionRegistry {
    /// Undoing what was just saved, and deleting or changing the last logged meeting.
    static func correctionActions(undoMinutes: Int) -> [any FlowAction] {
        [UndoLast(windowMinutes: undoMinutes), DeleteLastLogEntry(), ChangeLogEntry(), ChangeFeedback()]
    }
}

extension ActionRegistry {
    /// Agenda (and its calendar file), ground rules, learning plan, documents, feedback, evaluation,
    /// transferability.
    static let participantRecordActions: [any FlowAction] = [
        SaveAgenda(), ConfirmAgenda(),
        ShowAgenda(), SaveGroundRules(), AgreeGroundRules(), ShowGroundRules(), SavePlanRow(),
        ShowPlan(), SaveDocument(), SaveFeedback(), SaveEvaluation(), SaveTransferability(), SendCalendar(),
    ]
}

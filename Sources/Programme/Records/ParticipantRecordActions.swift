extension ActionRegistry {
    /// Agenda, ground rules, learning plan, documents, feedback, evaluation, transferability.
    static let participantRecordActions: [any FlowAction] = [
        SaveAgenda(), ShowAgenda(), SaveGroundRules(), AgreeGroundRules(), ShowGroundRules(), SavePlanRow(),
        ShowPlan(), SaveDocument(), SaveFeedback(), SaveEvaluation(), SaveTransferability(),
    ]
}

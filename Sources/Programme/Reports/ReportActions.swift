extension ActionRegistry {
    /// Learning programme report drafts: for the pair, and for its facilitator or coordinator.
    static let reportActions: [any FlowAction] = [ShowLearningReport(), ShowPairLearningReport()]
}

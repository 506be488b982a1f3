extension ActionRegistry {
    /// Safeguarding concerns, "my data" and "forget me".
    static let safeguardingActions: [any FlowAction] = [
        ExplainConcern(), RaiseConcern(), ListConcerns(), ShowMyData(), RequestErasure(), ReviewErasure(),
        ConfirmErasure(),
    ]
}

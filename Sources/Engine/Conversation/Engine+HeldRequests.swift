/// What the engine says about an action request that is run later, outside its flow: a request held until the
/// person confirms it from the address on record.
extension Engine {
    /// The request's answers as `• Label: value` lines in flow order, as the flow's own summary shows them; empty
    /// for a flow without questions or one no longer in the catalog.
    public func summary(of request: ActionRequest, context: TurnContext) -> String {
        guard let flow = catalog.flow(request.flow) else { return "" }
        var state = ConversationState()
        state.slots = request.slots
        return summary(state, flow, context)
    }

    /// The flow's short name in the context's language ("the finance desk"), or the flow id when it is unknown.
    public func title(of request: ActionRequest, context: TurnContext) -> String {
        guard let flow = catalog.flow(request.flow) else { return request.flow }
        return say(flow.title, context)
    }
}

extension ActionRequest {
    /// The answer `answer` names, as its type; an optional answer that is not there is nil.
    /// - Throws: `ActionInputError` when a required answer is missing or any answer has another type.
    public func answer<Value>(_ answer: Answer<Value>) throws(ActionInputError) -> Value {
        guard let value = answer.read(slots[answer.input.name]) else {
            throw ActionInputError(action: action, slot: answer.input.name)
        }
        return value
    }
}

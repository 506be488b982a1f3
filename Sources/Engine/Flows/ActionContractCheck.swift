/// The part of `tandem dialogs check` that holds a flow to the contract of the action it names: every answer the
/// action reads is asked, as the type it reads, and (unless the action takes it as optional) answered on every
/// path through the flow; every question is read by the action; every text the action says exists in English.
struct ActionContractCheck {
    let flow: Flow
    let action: String
    let contract: ActionContract
    let english: [String: LocaleEntry]
    /// The file the questions are in: the flow's own, or that of the flow it `edits:`.
    var questionFile: String?

    func problems() -> [FlowFileError] {
        let line = flow.actionLine ?? flow.line
        var found: [FlowFileError] = []
        func report(_ line: Int, _ message: String) {
            found.append(FlowFileError(file: flow.file, line: line, message: message))
        }
        func reportQuestion(_ line: Int, _ message: String) {
            found.append(FlowFileError(file: questionFile ?? flow.file, line: line, message: message))
        }
        let inputs = Dictionary(contract.inputs.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        for question in flow.states {
            guard let type = question.slotType else { continue }
            guard let input = inputs[question.id] else {
                let read = contract.inputs.map(\.name).joined(separator: ", ")
                reportQuestion(question.line, "action `\(action)` does not read `\(question.id)`"
                    + (read.isEmpty ? " (it reads no answers)" : " (it reads: \(read))"))
                continue
            }
            if question.checked, !contract.checks.contains(question.id) {
                report(question.line, "action `\(action)` cannot check `\(question.id)` as it is given; "
                    + "leave out `checked`")
            }
            if input.type != type {
                reportQuestion(question.line, "action `\(action)` reads `\(question.id)` as \(input.type.rawValue), "
                    + "not \(type.rawValue)")
            } else if let known = input.options, !Set(question.options).isSubset(of: known) {
                let unknown = question.options.filter { !known.contains($0) }.joined(separator: ", ")
                reportQuestion(question.line, "action `\(action)` does not know the option `\(unknown)` of "
                    + "`\(question.id)` "
                    + "(known: \(known.joined(separator: ", ")))")
            }
        }
        for input in contract.inputs where !input.isOptional {
            guard let question = flow.state(input.name), question.slotType != nil else {
                report(line, "action `\(action)` needs `\(input.name)` (\(input.type.rawValue)), which flow "
                    + "`\(flow.id)` does not ask")
                continue
            }
            if question.optional {
                reportQuestion(question.line, "action `\(action)` needs `\(input.name)`, which may be skipped here")
            } else if canFinish(avoiding: question.id) {
                reportQuestion(question.line, "action `\(action)` needs `\(input.name)`, which some paths through flow "
                    + "`\(flow.id)` do not ask")
            }
        }
        for key in contract.texts where english[key] == nil {
            report(line, "action `\(action)` says `\(key)`, which is missing in en")
        }
        return found
    }

    /// Whether the flow can finish without passing through the state `avoided`.
    private func canFinish(avoiding avoided: String) -> Bool {
        var seen: Set<String> = []
        var queue: [String?] = [flow.firstState]
        while let next = queue.popLast() {
            guard let id = next, id != FlowTarget.confirm, id != FlowTarget.done else { return true }
            guard id != avoided, !seen.contains(id), let state = flow.state(id) else { continue }
            seen.insert(id)
            queue += successors(of: state)
        }
        return false
    }

    /// Every state `state` may lead to (nil: the end of the flow).
    private func successors(of state: FlowState) -> [String?] {
        var targets: [String?] = state.branches.map(\.target)
        let values: Set<String>
        switch state.slotType {
        case .yesno: values = ["yes", "no"]
        case .choice: values = Set(state.options)
        default: values = []
        }
        let everyValueBranches = !values.isEmpty && values.isSubset(of: Set(state.branches.map(\.value)))
        if !everyValueBranches { targets.append(fallthroughTarget(of: state)) }
        return targets
    }

    private func fallthroughTarget(of state: FlowState) -> String? {
        if let next = state.next { return next }
        guard let index = flow.states.firstIndex(where: { $0.id == state.id }), index + 1 < flow.states.count else {
            return nil
        }
        return flow.states[index + 1].id
    }
}

/// Whole-catalog checks behind `tandem dialogs check`: targets that exist, states that can be reached,
/// actions that exist, and every text present in every language.
struct DialogCheck {
    let catalog: DialogCatalog
    let actions: Set<String>
    /// What each action reads and says; flows naming an action with a contract are checked against it.
    let contracts: [String: ActionContract]
    /// Texts said outside any action (by the scheduler, a channel…), each with who says it.
    let texts: [String: String]
    let roles: Set<String>
    let templates: Set<String>

    func problems() -> [FlowFileError] {
        catalog.flows.flatMap(problems(in:)) + disclosureProblems() + translationProblems() + grammarProblems()
    }

    /// At most one flow answers a disclosure, and it runs its action at once: it asks nothing (the person is told
    /// first who will be told; their words are not taken yet).
    private func disclosureProblems() -> [FlowFileError] {
        let answering = catalog.flows.filter(\.onDisclosure)
        var found = answering.dropFirst().map { flow in
            FlowFileError(file: flow.file, line: flow.line,
                          message: "only one flow can be `on disclosure: yes` (also \(answering[0].file))")
        }
        for flow in answering where flow.action == nil || !flow.states.isEmpty {
            found.append(FlowFileError(file: flow.file, line: flow.line,
                                       message: "an `on disclosure: yes` flow runs an `action:` and asks no questions"))
        }
        return found
    }

    // MARK: - Flows

    private func problems(in flow: Flow) -> [FlowFileError] {
        var found: [FlowFileError] = []
        func report(_ line: Int, _ message: String) {
            found.append(FlowFileError(file: flow.file, line: line, message: message))
        }
        if let action = flow.action, !actions.contains(action) {
            report(flow.actionLine ?? flow.line,
                   "unknown action `\(action)` (known: \(actions.sorted().joined(separator: ", ")))")
        } else if let action = flow.action, let contract = contracts[action] {
            // A flow that `edits:` another is held to that flow's questions, all of them optional.
            var checked = flow
            let edited = flow.edits.flatMap(catalog.flow)
            if let edited {
                checked.states = edited.states.map { var question = $0; question.optional = true; return question }
            }
            found += ActionContractCheck(
                flow: checked, action: action, contract: contract,
                english: catalog.localizer.entries[Localizer.fallbackLanguage] ?? [:], questionFile: edited?.file
            ).problems()
        }
        if let unique = flow.unique, flow.state(unique)?.slotType == nil {
            report(flow.line, "`unique:` names `\(unique)`, which is not a question of flow `\(flow.id)`")
        }
        if let edited = flow.edits, catalog.flow(edited) == nil {
            report(flow.line, "`edits:` names `\(edited)`, which is no flow")
        }
        if let replaced = flow.replaces, catalog.flow(replaced) == nil {
            report(flow.line, "`replaces:` names `\(replaced)`, which is no flow")
        }
        if case .roles(let named) = flow.audience, !roles.isEmpty, !named.isSubset(of: roles) {
            let unknown = named.subtracting(roles).sorted().joined(separator: ", ")
            report(flow.line, "unknown role `\(unknown)` in `for:` (known: anyone, newcomers, enrolled, \(roles.sorted().joined(separator: ", ")))")
        }
        if let named = flow.templates, !templates.isEmpty, !named.isSubset(of: templates) {
            let unknown = named.subtracting(templates).sorted().joined(separator: ", ")
            report(flow.line, "unknown programme template `\(unknown)` (known: \(templates.sorted().joined(separator: ", ")))")
        }
        let ranked = Set(flow.menuRanks.keys)
        if !templates.isEmpty, !ranked.isSubset(of: templates) {
            let unknown = ranked.subtracting(templates).sorted().joined(separator: ", ")
            let known = templates.sorted().joined(separator: ", ")
            report(flow.line, "`menu in \(unknown):` names no programme template (known: \(known))")
        }
        if flow.states.isEmpty, flow.action == nil {
            report(flow.line, "flow `\(flow.id)` has no questions and no action: it would do nothing")
        }
        if flow.startsOnFile, !flow.states.contains(where: { $0.slotType == .attachment }) {
            report(flow.line, "`starts on file: yes` needs an attachment question to put the file in")
        }
        if flow.sensitive, flow.action == nil {
            report(flow.line, "`sensitive: yes` without an `action:`: there is nothing to hold until it is confirmed")
        }
        if flow.sensitive, flow.audience == .newcomers {
            report(flow.line, "`sensitive: yes` on a flow for newcomers: they have no address on record to confirm")
        }
        if flow.confirm != nil, flow.action == nil {
            report(flow.line, "`confirm:` without an `action:` to confirm")
        }
        for name in flow.arguments where flow.state(name)?.slotType == nil {
            report(flow.argumentsLine ?? flow.line, "`from message:` names `\(name)`, which is not a question of flow "
                + "`\(flow.id)`")
        }
        if !flow.arguments.isEmpty, flow.states.contains(where: \.fromMessage) {
            report(flow.argumentsLine ?? flow.line, "a flow takes its words either by `from message:` or by one "
                + "question's `from message`, not both")
        }
        let targets = Set(flow.states.map(\.id)).union([FlowTarget.confirm, FlowTarget.done])
        for state in flow.states {
            if let next = state.next, !targets.contains(next) {
                report(state.nextLine ?? state.line, "unknown state `\(next)`")
            }
            for branch in state.branches {
                if !targets.contains(branch.target) { report(branch.line, "unknown state `\(branch.target)`") }
                switch state.slotType {
                case .yesno where !["yes", "no"].contains(branch.value):
                    report(branch.line, "a yes/no question branches on `if yes:` or `if no:`")
                case .choice where !state.options.contains(branch.value):
                    report(branch.line, "`\(branch.value)` is not one of the options")
                case .yesno, .choice: break
                default: report(branch.line, "only yes/no and choice questions can branch")
                }
            }
            if state.slotType == .choice || state.slotType == .choices, state.options.isEmpty {
                report(state.line, "a \(state.slotType?.rawValue ?? "choice") question needs `options:`")
            }
            if let otherwise = state.otherwise, !state.options.contains(otherwise) {
                report(state.otherwiseLine ?? state.line, "`otherwise: \(otherwise)` is not one of the options")
            }
            if state.prompt.isEmpty {
                report(state.line, state.slotType == nil ? "`say` needs a `text:`" : "question needs a `prompt:`")
            }
            if state.slotType != nil, state.label == nil {
                report(state.line, "question needs a `label:` (its name in summaries and in one-message answers)")
            }
        }
        for unreachable in flow.states where !reachable(in: flow).contains(unreachable.id) {
            report(unreachable.line, "state `\(unreachable.id)` can never be reached")
        }
        for (key, line) in referencedKeys(flow) where catalog.localizer.entries[Localizer.fallbackLanguage]?[key] == nil {
            report(line, "missing translation `\(key)` in en")
        }
        return found
    }

    /// States reachable from the first one by `next:`, `if`, or falling through to the following block.
    private func reachable(in flow: Flow) -> Set<String> {
        var seen: Set<String> = []
        var queue = flow.firstState.map { [$0] } ?? []
        while let id = queue.popLast() {
            guard !seen.contains(id), let index = flow.states.firstIndex(where: { $0.id == id }) else { continue }
            seen.insert(id)
            let state = flow.states[index]
            queue += state.branches.map(\.target)
            if let next = state.next {
                queue.append(next)
            } else if index + 1 < flow.states.count {
                queue.append(flow.states[index + 1].id)
            }
        }
        return seen
    }

    private func referencedKeys(_ flow: Flow) -> [(String, Int)] {
        var keys: [(String, Int)] = [(flow.title, flow.line)]
        keys += [flow.trigger, flow.confirm, flow.hints].compactMap { $0.map { ($0, flow.line) } }
        for state in flow.states {
            keys.append((state.prompt, state.line))
            if let label = state.label { keys.append((label, state.line)) }
            keys += [state.scale, state.phrases].compactMap { $0.map { ($0, state.line) } }
            keys += state.options.map { ("option.\($0)", state.line) }
        }
        return keys.filter { !$0.0.isEmpty }
    }

    // MARK: - Grammar

    /// The grammar written as data, in every language: `grammar.*` phrases with number places, number words, the
    /// scales of integer questions, the phrases that mark answers and a Latin spelling table — each broken entry at its
    /// file and line.
    private func grammarProblems() -> [FlowFileError] {
        var found: [FlowFileError] = []
        let scales = Set(catalog.flows.flatMap { $0.states.compactMap(\.scale) })
        let phrases = Set(catalog.flows.flatMap { $0.states.compactMap(\.phrases) })
        for (_, entries) in catalog.localizer.entries.sorted(by: { $0.key < $1.key }) {
            for (key, entry) in entries.sorted(by: { $0.key < $1.key }) {
                func report(_ message: String) {
                    found.append(FlowFileError(file: entry.file, line: entry.line, message: message))
                }
                let items = entry.value.split(separator: ",").map { $0.trimmed(Trim.whitespace) }
                if key.hasPrefix("grammar.") {
                    for item in items where GrammarPattern(item) == nil {
                        report("cannot read the grammar phrase `\(item)` of `\(key)`: words and number places "
                            + "such as {n}")
                    }
                } else if key == LatinSpelling.key {
                    for item in entry.value.split(separator: ",") where LatinSpelling.pair(item) == nil {
                        report("cannot read `\(item.trimmed(Trim.whitespace))` of `\(key)`: expected a letter, `:` and "
                            + "its Latin spelling, e.g. ш:sh")
                    }
                } else if key.hasPrefix("words.number."), Int(key.dropFirst("words.number.".count)) == nil {
                    report("`\(key)` must end in the number its words mean, e.g. words.number.3")
                } else if scales.contains(key), ScaleText.parse(entry.value) == nil {
                    report("cannot read the scale `\(key)`: expected `5: very useful, excellent; 4: useful; …`")
                } else if phrases.contains(key) {
                    for item in items where item.components(separatedBy: "{}").count != 2 {
                        report("the phrase `\(item)` of `\(key)` needs exactly one {} where the answer stands")
                    }
                }
            }
        }
        return found
    }

    // MARK: - Translations

    /// Every key of English must exist in every other language, every other key must exist in English,
    /// and every text the engine itself says must exist. Recognised words (`words.*`) are exempt: each
    /// language adds its own to English's, and may have words English has not (a local currency name).
    private func translationProblems() -> [FlowFileError] {
        let all = catalog.localizer.entries
        guard let english = all[Localizer.fallbackLanguage] else { return [] }
        var found: [FlowFileError] = []
        for key in EngineText.required where english[key] == nil {
            found.append(FlowFileError(file: "locales/en", line: 0, message: "missing translation `\(key)` in en"))
        }
        for (key, speaker) in texts.sorted(by: { $0.key < $1.key }) where english[key] == nil {
            found.append(FlowFileError(
                file: "locales/en", line: 0, message: "\(speaker) says `\(key)`, which is missing in en"))
        }
        for (voice, values) in all where voice.contains(Localizer.registerMark) {
            // A register variant has only the texts that differ in it, each a key of the language it varies.
            let base = all[Localizer.language(of: voice)] ?? [:]
            for (key, entry) in values where base[key] == nil || key.hasPrefix("words.") {
                found.append(FlowFileError(
                    file: entry.file, line: entry.line,
                    message: "`\(key)` is not a text of \(Localizer.language(of: voice)) a register can vary"))
            }
        }
        for (language, values) in all where language != Localizer.fallbackLanguage
            && !language.contains(Localizer.registerMark) {
            for (key, entry) in english where values[key] == nil && !key.hasPrefix("words.") {
                found.append(FlowFileError(
                    file: entry.file, line: entry.line, message: "missing translation `\(key)` in \(language)"))
            }
            for (key, entry) in values where english[key] == nil && !key.hasPrefix("words.") {
                found.append(FlowFileError(file: entry.file, line: entry.line, message: "`\(key)` is not an English key"))
            }
        }
        return found
    }
}

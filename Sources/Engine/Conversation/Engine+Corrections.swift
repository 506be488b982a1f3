/// Corrections: "no" to "save this?" asks what to change and keeps the other answers; a flow with `edits:` changes
/// the last record of another flow's kind ("change the duration to 60"). Both read the correction the same way:
/// a question's label followed by the new value ("duration 60", "the date to yesterday", "süreyi 60 yap"), a label
/// alone (that question is asked again), or a value whose kind only one question has ("yesterday").
extension Engine {
    /// The state of a conversation waiting for what to change (not an identifier, so no flow can name it).
    static let changeState = ".change"
    /// The reserved slot holding the question named without a new value, asked next.
    static let fieldKey = ".field"

    /// What a correction message changes among `target`'s questions.
    enum Correction {
        case values([String: SlotValue])
        /// The question named without a value: ask it.
        case question(FlowState)
        case rejected(source: String, error: SlotError)
        case nothing
    }

    /// Reads a correction of `target`'s answers.
    func correction(_ text: String, of target: Flow, _ context: TurnContext) -> Correction {
        let lexicon = localizer.lexicon(context.language)
        let words = SlotInput.words(text, dropping: lexicon.change)
        let questions = target.states.filter { $0.slotType != nil && $0.slotType != .attachment && $0.label != nil }
        for index in words.indices {
            for question in questions {
                let labels = localizer.wordsInAnyLanguage(question.label ?? "", context.language)
                    .map { SlotInput.fold($0) }
                guard let length = labels.lazy.compactMap({ Self.labelLength($0, in: words, at: index) }).max()
                else { continue }
                let value = words[(index + length)...].drop { lexicon.changeTo.contains($0) }
                    .joined(separator: " ")
                if value.isEmpty { return .question(question) }
                switch interpret(value, for: question, context) {
                case .success(let parsed): return .values([question.id: parsed])
                case .failure(let error): return .rejected(source: value, error: error)
                }
            }
        }
        let found = Prefill(engine: self, flow: target, context: context).extract(from: text, attachments: [])
        if found.values.count == 1 { return .values(found.values) }
        if let (source, error) = found.rejected.first { return .rejected(source: source, error: error) }
        return .nothing
    }

    /// How many of `words` from `index` the label `label` (folded, maybe several words) takes; its last word may
    /// carry a short suffix ("süreyi" for "süre").
    static func labelLength(_ label: String, in words: [String], at index: Int) -> Int? {
        let parts = label.split(separator: " ").map(String.init)
        guard !parts.isEmpty, index + parts.count <= words.count else { return nil }
        for (offset, part) in parts.enumerated() {
            let word = words[index + offset]
            let isLast = offset == parts.count - 1
            guard word == part || (isLast && part.count >= 4 && word.hasPrefix(part) && word.count - part.count <= 3)
            else { return nil }
        }
        return parts.count
    }

    /// "What should I change?", for the flow the conversation corrects.
    func changePrompt(_ flow: Flow, _ context: TurnContext) -> String {
        let target = flow.edits.flatMap(catalog.flow) ?? flow
        let example = target.states.first { $0.label != nil && $0.slotType != nil && $0.slotType != .attachment }
        let name = example.flatMap { $0.label }.flatMap { labels(of: $0, context).first }?.lowercased() ?? ""
        return say(EngineText.changeAsk, context, ["label": name])
    }
}

/// Corrections: "no" to "save this?" asks what to change and keeps the other answers; a flow with `edits:` changes
/// the last record of another flow's kind ("change the duration to 60"). Both read the correction the same way:
/// a question's label followed by the new value ("duration 60", "the date to yesterday", "süreyi 60 yap"), a label
/// alone (that question is asked again), or a value whose kind only one question has ("yesterday").
extension Engine {
    /// The state of a conversation waiting for what to change (not an identifier, so no flow can name it).
    static let changeState = ".change"
    /// The reserved slot holding the question named without a new value, asked next.
    static let fieldKey = ".field"
    /// The slot of an action request naming the record a correction replaces (its `unique:` answer), when the person
    /// answered "correction" at the confirmation.
    public static let replacesKey = ".replaces"
    /// The reserved slot holding a bare value more than one question takes ("actually it was 7": the start or the
    /// length?), used when the next message names one of them.
    static let unplacedKey = ".unplaced"

    /// What a correction message changes among `target`'s questions.
    enum Correction {
        case values([String: SlotValue])
        /// The question named without a value: ask it.
        case question(FlowState)
        case rejected(source: String, error: SlotError)
        /// A bare value that several questions take: which one is asked.
        case ambiguous(value: String, questions: [FlowState])
        case nothing
    }

    /// Reads a correction of `target`'s answers.
    func correction(_ text: String, of target: Flow, _ context: TurnContext) -> Correction {
        let lexicon = localizer.lexicon(context.language)
        // The words as written (a new text keeps its case and commas), and folded for finding the labels.
        let raw = text.split(whereSeparator: \.isWhitespace).map(String.init)
        let words = raw.map { SlotInput.words($0).first ?? "" }
        let questions = target.states.filter { $0.slotType != nil && $0.slotType != .attachment && $0.label != nil }
        // A label that is also a unit is the unit after a number: "hayır, 2 saat sürdü" changes the length, not the
        // start time ("saat" is both); so is the unit with an ending that adds nothing ("aslında 2 saatti").
        let isUnit = { (word: String) in
            lexicon.isUnit(word) || lexicon.withoutEndings(word).map(lexicon.isUnit) == true
        }
        let isUnitOfANumber = { (index: Int) in
            index > 0 && isUnit(words[index])
                && (words[index - 1].first?.isNumber == true || lexicon.numbers[words[index - 1]] != nil)
        }
        for index in words.indices where !lexicon.change.contains(words[index]) && !isUnitOfANumber(index) {
            for question in questions {
                let labels = localizer.wordsInAnyLanguage(question.label ?? "", context.language)
                    .map { SlotInput.fold($0) }
                guard let length = labels.lazy.compactMap({ Self.labelLength($0, in: words, at: index) }).max()
                else { continue }
                let start = words.indices[(index + length)...].first { !lexicon.changeTo.contains(words[$0]) }
                let value = start.map { raw[$0...].joined(separator: " ") } ?? ""
                if value.isEmpty { return .question(question) }
                switch interpret(value, for: question, context) {
                case .success(let parsed): return .values([question.id: parsed])
                case .failure(let error): return .rejected(source: value, error: error)
                }
            }
        }
        // Labelled parts and unmistakable values only: a flow's `from message` answer or arguments are no correction
        // ("no, they are in 9c" is not what happened).
        let open = Set(questions.map(\.id))
        let found = Prefill(engine: self, flow: target, context: context).later(text, open: open).result
        if found.values.count == 1 { return .values(found.values) }
        if let (_, source, error) = found.rejected.first { return .rejected(source: source, error: error) }
        // A bare new value ("to 4", "actually it was 4", Turkish "4 olarak") that only one question (not a free text,
        // nor a choice that takes any answer as its `otherwise:`) takes; several that take it are asked about.
        var bare = lexicon.afterAmends(words.filter { !lexicon.change.contains($0) })
            .drop { lexicon.changeTo.contains($0) }
        while let last = bare.last, lexicon.changeTo.contains(last) { bare = bare.dropLast() }
        let typed = questions.filter { $0.slotType != .text && $0.slotType != .list && $0.otherwise == nil }
        let takers = { (value: String) in
            typed.compactMap { question in
                (try? self.parse(value, for: question, context).get()).map { (question, $0) }
            }
        }
        var value = bare.joined(separator: " ")
        var taken = takers(value)
        if taken.isEmpty, let plain = lexicon.withoutEndings(value) {  // "aslında 7ydi": it was 7
            value = plain
            taken = takers(plain)
        }
        // Of several, those whose rules refuse it are not asked about ("7" is no date in the future).
        if taken.count > 1 {
            let allowed = taken.filter { validate($0.1, for: $0.0, context) == nil }
            if !allowed.isEmpty { taken = allowed }
        }
        if taken.count == 1, let (question, parsed) = taken.first { return .values([question.id: parsed]) }
        if taken.count > 1 {
            return .ambiguous(value: lexicon.withoutEndings(value) ?? value, questions: taken.map(\.0))
        }
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

    /// "Is "7" the start or the duration?", with the change prompt's example.
    func whichPrompt(_ value: String, _ questions: [FlowState], _ context: TurnContext) -> String {
        let names = questions.compactMap { $0.label.flatMap { labels(of: $0, context).first }?.lowercased() }
        var choices = names.joined()
        if names.count > 1, let last = names.last {
            choices = names.dropLast().joined(separator: ", ") + " " + say(EngineText.or, context) + " " + last
        }
        return say(EngineText.changeWhich, context, ["value": value, "choices": choices, "label": names.first ?? ""])
    }

    /// "What should I change?", for the flow the conversation corrects.
    func changePrompt(_ flow: Flow, _ context: TurnContext) -> String {
        let target = flow.edits.flatMap(catalog.flow) ?? flow
        let example = target.states.first { $0.label != nil && $0.slotType != nil && $0.slotType != .attachment }
        let name = example.flatMap { $0.label }.flatMap { labels(of: $0, context).first }?.lowercased() ?? ""
        return say(EngineText.changeAsk, context, ["label": name])
    }
}

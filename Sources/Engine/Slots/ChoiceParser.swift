/// `choice` answers: an option's id, any of its labels, or its 1-based position in the list shown.
/// Ids and labels are matched case-insensitively; a trailing dot is ignored ("2."), and so are the lexicon's
/// filler words ("the hotel"), diacritics missing from an answer in plain Latin letters ("zaman yonetimi") and a
/// case ending on its last word ("taksiye").
/// Only the first `numbered` options (those shown) may be picked by number.
enum ChoiceParser {
    static func parse(_ text: String, options: [ChoiceOption], lexicon: Lexicon = Lexicon(), numbered: Int? = nil)
        -> Result<SlotValue, SlotError>
    {
        let answer = SlotInput.fold(text)
        let bare = SlotInput.bare(answer)
        let plain = SlotInput.words(text, dropping: lexicon.indexes.dateDrops).joined(separator: " ")
        for option in options {
            let words = ([option.id] + option.labels).map { SlotInput.fold($0).trimmed(Trim.whitespace) }
            if words.contains(answer) || words.contains(bare) || words.contains(plain) {
                return .success(.choice(option.id))
            }
        }
        // Typed in plain Latin letters, as on a phone ("zaman yonetimi"): compared with the labels without diacritics.
        let undotted = TriggerMatcher.plain(plain)
        if plain.allSatisfy(\.isASCII), let option = options.first(where: { option in
            ([option.id] + option.labels).contains { TriggerMatcher.plain($0).trimmed(Trim.whitespace) == undotted }
        }) { return .success(.choice(option.id)) }
        // With a case ending ("taksiye", "otelde", "trenle"): compared without it, diacritics optional.
        if let stem = lexicon.withoutCaseEnding(plain).map(TriggerMatcher.plain), let option = options.first(where: {
            ([$0.id] + $0.labels).contains { TriggerMatcher.plain($0).trimmed(Trim.whitespace) == stem }
        }) { return .success(.choice(option.id)) }
        let offered = options.prefix(min(numbered ?? options.count, options.count))
        if let position = SlotInput.number(bare, maxDigits: 4), position >= 1, position <= offered.count {
            return .success(.choice(offered[position - 1].id))
        }
        let shown = offered.map { $0.labels.first ?? $0.id }.joined(separator: ", ")
        return .failure(SlotError("error.choice.invalid", ["options": shown]))
    }
}

extension ChoiceParser {
    /// `choices` answers (several options, like ticking check-boxes): items as a `list` answer separates them
    /// ("1, 4", "grades and attendance"), numbers also by spaces ("1 4"), each read as a `choice`. The value is the
    /// chosen ids in the options' order, each once; an item that is no option is `error.choices.invalid`.
    static func parseSeveral(_ text: String, options: [ChoiceOption], lexicon: Lexicon = Lexicon())
        -> Result<SlotValue, SlotError>
    {
        let items: [String]
        switch ListParser.parse(text, lexicon: lexicon) {
        case .success(.list(let listed)): items = listed
        case .failure(let error): return .failure(error)
        default: return .failure(SlotError("error.list.empty"))
        }
        let pieces = items.flatMap { item -> [String] in
            let words = item.split(whereSeparator: \.isWhitespace)
            let numbers = words.allSatisfy { SlotInput.number(SlotInput.bare(String($0)), maxDigits: 4) != nil }
            return words.count > 1 && numbers ? words.map(String.init) : [item]
        }
        var chosen: Set<String> = []
        for piece in pieces {
            guard case .success(.choice(let id)) = parse(piece, options: options, lexicon: lexicon) else {
                let shown = options.enumerated().map { "\($0.offset + 1). \($0.element.labels.first ?? $0.element.id)" }
                return .failure(SlotError("error.choices.invalid", [
                    "item": piece, "options": shown.joined(separator: ", "),
                ]))
            }
            chosen.insert(id)
        }
        return .success(.list(options.map(\.id).filter(chosen.contains)))
    }
}

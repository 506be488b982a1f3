/// `choice` answers: an option's id, any of its labels, or its 1-based position in the list shown.
/// Ids and labels are matched case-insensitively; a trailing dot is ignored ("2."), and so are the lexicon's
/// filler words ("the hotel").
enum ChoiceParser {
    static func parse(_ text: String, options: [ChoiceOption], lexicon: Lexicon = Lexicon())
        -> Result<SlotValue, SlotError>
    {
        let answer = SlotInput.fold(text)
        let bare = SlotInput.bare(answer)
        let plain = SlotInput.words(text, droppingSplit: lexicon.dateDrops).joined(separator: " ")
        for option in options {
            let words = ([option.id] + option.labels).map { SlotInput.fold($0).trimmed(Trim.whitespace) }
            if words.contains(answer) || words.contains(bare) || words.contains(plain) {
                return .success(.choice(option.id))
            }
        }
        if let position = SlotInput.number(bare, maxDigits: 4), position >= 1, position <= options.count {
            return .success(.choice(options[position - 1].id))
        }
        let shown = options.map { $0.labels.first ?? $0.id }.joined(separator: ", ")
        return .failure(SlotError("error.choice.invalid", ["options": shown]))
    }
}

/// `choice` answers: an option's id, any of its labels, or its 1-based position in the list shown.
/// Ids and labels are matched case-insensitively; a trailing dot is ignored ("2."), and so are the lexicon's
/// filler words ("the hotel"). Only the first `numbered` options (those shown) may be picked by number.
enum ChoiceParser {
    static func parse(_ text: String, options: [ChoiceOption], lexicon: Lexicon = Lexicon(), numbered: Int? = nil)
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
        let offered = options.prefix(min(numbered ?? options.count, options.count))
        if let position = SlotInput.number(bare, maxDigits: 4), position >= 1, position <= offered.count {
            return .success(.choice(offered[position - 1].id))
        }
        let shown = offered.map { $0.labels.first ?? $0.id }.joined(separator: ", ")
        return .failure(SlotError("error.choice.invalid", ["options": shown]))
    }
}

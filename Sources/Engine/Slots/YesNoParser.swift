import Foundation

/// `yesno` answers: a word of `lexicon.yes` or `lexicon.no` ("yes", "y", "да", "evet", "hayır", "👍"), optionally
/// followed by `!` or `.` — alone, or opening a sentence ("Yes, please save it.", "да, запиши го", "Evet lütfen"), a
/// letter held for emphasis or not ("yesss", "дааа").
enum YesNoParser {
    static func parse(_ text: String, lexicon: Lexicon) -> Result<SlotValue, SlotError> {
        var word = Substring(SlotInput.fold(text))
        while let last = word.last, "!.".contains(last) { word = word.dropLast() }
        let answer = word.trimmed(Trim.whitespace)
        if let value = value(of: answer, lexicon) { return .success(.yesno(value)) }
        // "Yes, please save it.": the first word answers, unless another one says the opposite.
        let words = answer.split(whereSeparator: { $0.isWhitespace || ",.!;:".contains($0) }).map(String.init)
        if words.count > 1, let first = value(of: words[0], lexicon),
           words[0].count > 1 || !words[0].allSatisfy(\.isLetter),
           !words.dropFirst().contains(where: { value(of: $0, lexicon) == !first }) {
            return .success(.yesno(first))
        }
        return .failure(SlotError("error.yesno.invalid"))
    }

    private static func value(of word: String, _ lexicon: Lexicon) -> Bool? {
        if lexicon.yes.contains(word) { return true }
        if lexicon.no.contains(word) { return false }
        // A letter held for emphasis ("yesss", "дааа", "nooo", "evettt"): read once.
        for reading in SlotInput.withoutHeldLetters(word) {
            if lexicon.yes.contains(reading) { return true }
            if lexicon.no.contains(reading) { return false }
        }
        return nil
    }
}

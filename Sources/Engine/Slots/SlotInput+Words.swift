extension SlotInput {
    /// `text` folded, as whitespace-separated words, with what says nothing about the value left out: the phrases
    /// of `dropping` (approximations, fillers), a Turkish suffix after an apostrophe ("11'de" → "11"), and the
    /// punctuation that ends a sentence ("10:15." → "10:15").
    static func words(_ text: String, dropping phrases: [String]...) -> [String] {
        let all = Array(phrases.joined())
        return words(text, dropping: all.isEmpty ? nil : PhraseIndex(all))
    }

    /// `words(_:dropping:)` with the phrases already indexed.
    static func words(_ text: String, dropping phrases: PhraseIndex?) -> [String] {
        var words = fold(text).split(whereSeparator: \.isWhitespace).map { word -> String in
            var word = Substring(word)
            if let apostrophe = word.firstIndex(where: { $0 == "'" || $0 == "’" }), apostrophe != word.startIndex {
                word = word[..<apostrophe]
            }
            while let last = word.last, ",;!?".contains(last) { word = word.dropLast() }
            return String(word)
        }.filter { !$0.isEmpty }
        if let last = words.last, last.count > 1, last.hasSuffix("."), !last.hasSuffix("..") {
            let trimmed = String(last.dropLast())
            // "ч." and "a.m." keep their dot: an abbreviation, not the end of a sentence.
            if trimmed.contains(where: \.isNumber) || trimmed.count > 3 { words[words.count - 1] = trimmed }
        }
        guard let phrases else { return words }
        var kept: [String] = []
        var index = 0
        while index < words.count {
            if let length = phrases.longest(in: words, at: index) {
                index += length
            } else {
                kept.append(words[index])
                index += 1
            }
        }
        return kept
    }
}

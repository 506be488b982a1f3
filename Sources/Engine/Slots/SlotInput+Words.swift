extension SlotInput {
    /// `text` folded, as whitespace-separated words, with what says nothing about the value left out: the phrases
    /// of `dropping` (approximations, fillers), a Turkish suffix after an apostrophe ("11'de" → "11"), and the
    /// punctuation that ends a sentence ("10:15." → "10:15").
    static func words(_ text: String, dropping phrases: [String]...) -> [String] {
        words(text, droppingSplit: Lexicon.split(Array(phrases.joined())))
    }

    /// `words(_:dropping:)` with the phrases already split into words, longest first.
    static func words(_ text: String, droppingSplit all: [[String]]) -> [String] {
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
        guard !all.isEmpty else { return words }
        var kept: [String] = []
        var index = 0
        while index < words.count {
            if let phrase = all.first(where: { phrase in
                index + phrase.count <= words.count && phrase.first == words[index]
                    && words[index..<(index + phrase.count)].elementsEqual(phrase)
            }) {
                index += phrase.count
            } else {
                kept.append(words[index])
                index += 1
            }
        }
        return kept
    }

    /// The length of the longest of `phrases` (words separated by spaces) that `words` holds from `index` on.
    static func phrase(in words: [String], at index: Int, _ phrases: [String]) -> Int? {
        var best: Int?
        for phrase in phrases {
            // Most phrases differ in their first word: compared before the phrase is split.
            guard index < words.count, phrase.prefix(while: { $0 != " " }) == words[index] else { continue }
            let parts = phrase.split(separator: " ")
            guard index + parts.count <= words.count, parts.count > (best ?? 0) else { continue }
            if zip(parts, words[index...]).allSatisfy({ $0 == $1 }) { best = parts.count }
        }
        return best
    }
}

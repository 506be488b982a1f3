extension SlotInput {
    /// `text` folded, as whitespace-separated words, with what says nothing about the value left out: the phrases
    /// of `dropping` (approximations, fillers), also typed onto a number ("3ish", "3-ish" → "3"), a Turkish suffix
    /// after an apostrophe ("11'de" → "11") or typed straight onto a number ("14:30da" → "14:30"), and the
    /// punctuation that ends a sentence ("10:15." → "10:15").
    static func words(_ text: String, dropping phrases: [String]...) -> [String] {
        let all = Array(phrases.joined())
        return words(text, dropping: all.isEmpty ? nil : PhraseIndex(all))
    }

    /// `words(_:dropping:)` with the phrases already indexed.
    static func words(_ text: String, dropping phrases: PhraseIndex?) -> [String] {
        var words = text.utf8.allSatisfy({ $0 < 0x80 }) ? asciiWords(text) : characterWords(text)
        for index in words.indices {
            if words[index].utf8.first.map(isDigit) ?? false { words[index] = droppingNumberSuffix(words[index]) }
            if let phrases { words[index] = droppingGluedPhrase(words[index], phrases) }
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

    /// The folded words of any text, character by character, before phrases are dropped.
    static func characterWords(_ text: String) -> [String] {
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
        return words
    }

    /// ``characterWords(_:)`` of ASCII text, on its bytes: the same words, without grapheme breaking (every window
    /// of a flow's first message is parsed several times, issue 17).
    static func asciiWords(_ text: String) -> [String] {
        var words: [[UInt8]] = []
        var word: [UInt8] = []
        func endWord() {
            defer { word.removeAll(keepingCapacity: true) }
            var end = word.count
            if let apostrophe = word.firstIndex(of: UInt8(ascii: "'")), apostrophe != 0 { end = apostrophe }
            while end > 0, Self.trailingPunctuation.contains(word[end - 1]) { end -= 1 }
            if end > 0 { words.append(Array(word[..<end])) }
        }
        for byte in text.utf8 {
            if isWhitespace(byte) {
                endWord()
            } else {
                word.append((0x41...0x5A).contains(byte) ? byte | 0x20 : byte)
            }
        }
        endWord()
        if let last = words.last, last.count > 1, last.last == UInt8(ascii: "."),
           last.dropLast().last != UInt8(ascii: ".") {
            let trimmed = last.dropLast()
            // "a.m." keeps its dot: an abbreviation, not the end of a sentence.
            if trimmed.contains(where: isDigit) || trimmed.count > 3 { words[words.count - 1] = Array(trimmed) }
        }
        return words.map { String(decoding: $0, as: UTF8.self) }
    }

    private static let trailingPunctuation: Set<UInt8> = Set(",;!?".utf8)

    /// `word` without a Turkish case suffix typed straight after its last digit, as people type "at 14:30" and
    /// "from 3" without the apostrophe ("14:30da", "3te", "15ten" → "14:30", "3", "15"). Only the locative and
    /// ablative ("at", "from"), the suffixes a time or a date takes; a word that does not start with a digit is
    /// left as it is.
    static func droppingNumberSuffix(_ word: String) -> String {
        let bytes = word.utf8
        guard let first = bytes.first, isDigit(first), let last = bytes.last, isLetter(last) else { return word }
        for suffix in numberSuffixes where bytes.count > suffix.count && bytes.reversed().starts(with: suffix) {
            let number = bytes.dropLast(suffix.count)
            if let end = number.last, isDigit(end) { return String(decoding: number, as: UTF8.self) }
        }
        return word
    }

    /// `word` without a word of `phrases` typed onto it: after a hyphen ("2-ish", "hour-ish" → "2", "hour"), or
    /// straight after a number ("3ish" → "3") when `phrases` holds "ish". Any other word is left as it is.
    static func droppingGluedPhrase(_ word: String, _ phrases: PhraseIndex) -> String {
        let bytes = word.utf8
        guard let last = bytes.last, isLetter(last), let first = bytes.first else { return word }
        let start: String.Index
        if let hyphen = bytes.lastIndex(of: UInt8(ascii: "-")), hyphen != bytes.startIndex {
            start = bytes.index(after: hyphen)
        } else if isDigit(first), let letter = bytes.firstIndex(where: isLetter) {
            start = letter
        } else {
            return word
        }
        var kept = word[..<start]
        if kept.last == "-" { kept = kept.dropLast() }
        guard !kept.isEmpty, phrases.longest(in: [String(word[start...])], at: 0) == 1 else { return word }
        return String(kept)
    }

    /// The value of a number word with the locative or ablative suffix ("üçte", "ucte", "dörtten", "ikide": at three,
    /// from four, at two), as `numbers` knows the word; nil for any other word.
    static func numberWord(withSuffix word: String, _ numbers: [String: Int]) -> Int? {
        let bytes = word.utf8
        guard let last = bytes.last, isLetter(last) else { return nil }
        for suffix in numberSuffixes where bytes.count > suffix.count && bytes.reversed().starts(with: suffix) {
            if let value = numbers[String(decoding: bytes.dropLast(suffix.count), as: UTF8.self)] { return value }
        }
        return nil
    }

    /// Whether a number in `text` carries the locative or ablative suffix, with or without an apostrophe ("11'de",
    /// "3te", "15ten"): in Turkish that is "at 11", "from 3", as unmistakable a time as "at 3" is in English.
    static func hasNumberSuffix(_ text: String) -> Bool {
        text.split(whereSeparator: \.isWhitespace).contains { word in
            guard let first = word.utf8.first, isDigit(first) else { return false }
            var bare = Substring(word.lowercased())
            while let last = bare.last, ",.;!?".contains(last) { bare = bare.dropLast() }
            if let apostrophe = bare.firstIndex(where: { $0 == "'" || $0 == "’" }) {
                let suffix = Array(bare[bare.index(after: apostrophe)...].utf8.reversed())
                return numberSuffixes.contains(suffix)
            }
            return droppingNumberSuffix(String(bare)) != bare
        }
    }

    /// The locative and ablative suffixes in every vowel harmony and after a voiceless consonant, longest first,
    /// each spelt backwards (compared from the word's end).
    static let numberSuffixWords = ["dan", "den", "tan", "ten", "da", "de", "ta", "te"]
    private static let numberSuffixes: [[UInt8]] = numberSuffixWords.map { Array($0.utf8.reversed()) }
}

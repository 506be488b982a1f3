import Foundation

/// A message as the disclosure detector reads it: words folded to a plain form (lower case, no diacritics, no
/// apostrophes, a letter typed three times or more counted once), grouped into sentences. "Dövüyor", "dovuyor" and
/// "DÖVÜYORRR" read the same; so do "don't" and "dont".
struct DisclosureText {
    /// One word of the message.
    struct Token: Hashable {
        /// The folded word.
        let plain: String
        /// For a word written in Latin letters, the form Bulgarian written in Latin letters takes ("bashta" →
        /// "basta"), compared with the same form of a Bulgarian pattern; nil for other scripts.
        let latinSkeleton: String?
        let isNumber: Bool
    }

    /// The sentences (split at `.`, `!`, `?`, `;`, `…` and line breaks), each a list of words. A sentence longer
    /// than `window` words (a message typed without full stops) is read as overlapping pieces of that length, so
    /// words far apart are not taken as one statement.
    let sentences: [[Token]]

    /// The longest run of words read as one sentence.
    static let window = 24
    /// At most this many characters of a message are read (a long email: about 3,500 words).
    static let maxCharacters = 20_000

    init(_ text: String) {
        var sentences: [[Token]] = []
        var current: [Token] = []
        var word = ""
        func endWord() {
            if !word.isEmpty { current.append(Self.token(word)) }
            word = ""
        }
        func endSentence() {
            endWord()
            if !current.isEmpty { sentences.append(current) }
            current = []
        }
        for character in Self.fold(String(text.prefix(Self.maxCharacters))) {
            if character.isLetter || character.isNumber {
                word.append(character)
            } else if Self.joiners.contains(character) {
                continue
            } else if Self.sentenceEnds.contains(character) {
                endSentence()
            } else {
                endWord()
            }
        }
        endSentence()
        self.sentences = sentences.flatMap(Self.pieces)
    }

    /// A sentence as overlapping pieces of at most `window` words (each starting half a window after the last).
    private static func pieces(_ sentence: [Token]) -> [[Token]] {
        guard sentence.count > window else { return [sentence] }
        return stride(from: 0, to: sentence.count - window / 2, by: window / 2).map { start in
            Array(sentence[start..<min(start + window, sentence.count)])
        }
    }

    /// The folded words of a short piece of text (a pattern's word), without sentence structure.
    static func words(_ text: String) -> [Token] { DisclosureText(text).sentences.flatMap { $0 } }

    // MARK: - Folding

    private static let joiners: Set<Character> = ["'", "’", "`", "´", "ʼ"]
    private static let sentenceEnds: Set<Character> = [".", "!", "?", ";", "…", "\n", "\r"]

    /// Lower case without diacritics, Turkish dotted and dotless i both read as "i".
    static func fold(_ text: String) -> String {
        var scalars = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\u{130}", "I", "\u{131}": scalars.append("i")
            default: scalars.append(scalar)
            }
        }
        let lowered = String(scalars).lowercased().decomposedStringWithCanonicalMapping
        return String(String.UnicodeScalarView(lowered.unicodeScalars.filter { !(0x300...0x36F).contains($0.value) }))
    }

    /// "meee" → "me": a letter typed three or more times in a row counts once; doubled letters stay ("too").
    static func collapsingRuns(_ word: String) -> String {
        var result = ""
        var run: (character: Character, count: Int)?
        func flush() {
            if let run { result += String(repeating: run.character, count: run.count >= 3 ? 1 : run.count) }
        }
        for character in word {
            if run?.character == character {
                run?.count += 1
            } else {
                flush()
                run = (character, 1)
            }
        }
        flush()
        return result
    }

    private static func token(_ raw: String) -> Token {
        let word = collapsingRuns(raw)
        let isLatin = word.unicodeScalars.allSatisfy { $0.isASCII }
        return Token(
            plain: word, latinSkeleton: isLatin ? latinSkeleton(word) : nil,
            isNumber: word.allSatisfy(\.isNumber))
    }

    // MARK: - Bulgarian in Latin letters

    /// The skeleton of a Bulgarian word written in Latin letters: the common ways to type one Cyrillic letter
    /// ("sh", "6" for ш; "ya", "q" for я) reduced to one.
    static func latinSkeleton(_ word: String) -> String {
        var result = word
        for (from, to) in latinReplacements { result = result.replacingOccurrences(of: from, with: to) }
        return result
    }

    /// The skeleton of a Bulgarian word written in Cyrillic, comparable with `latinSkeleton`.
    static func cyrillicSkeleton(_ word: String) -> String {
        String(word.flatMap { cyrillicLetters[$0] ?? String($0) })
    }

    private static let latinReplacements: [(String, String)] = [
        ("sht", "st"), ("sh", "s"), ("zh", "z"), ("ch", "c"), ("ts", "c"), ("tz", "c"), ("ya", "a"), ("yu", "u"),
        ("q", "a"), ("w", "st"), ("6", "s"), ("4", "c"), ("y", "i"), ("x", "h"), ("j", "z"),
    ]

    private static let cyrillicLetters: [Character: String] = [
        "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ж": "z", "з": "z", "и": "i", "к": "k", "л": "l",
        "м": "m", "н": "n", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "h", "ц": "c",
        "ч": "c", "ш": "s", "щ": "st", "ъ": "a", "ь": "", "ю": "u", "я": "a",
    ]
}

import Foundation

/// A message as the disclosure detector reads it: words folded to a plain form (lower case, no diacritics, no
/// apostrophes, a letter typed three times or more counted once), grouped into sentences. "Dövüyor", "dovuyor" and
/// "DÖVÜYORRR" read the same; so do "don't" and "dont". Read scalar by scalar, in one pass: it runs on every message.
struct DisclosureText {
    /// One word of the message.
    struct Token: Hashable {
        /// The folded word.
        let plain: String
        /// For a word written in Latin letters, the form Bulgarian written in Latin letters takes ("bashta" →
        /// "basta"), compared with the same form of a Bulgarian pattern; nil for other scripts.
        let latinSkeleton: String?
        let isNumber: Bool
        /// Its length in scalars.
        let length: Int
    }

    /// The sentences (split at `.`, `!`, `?`, `;`, `…` and line breaks), each a list of words. A sentence longer
    /// than `window` words (a message typed without full stops) is read as overlapping pieces of that length, so
    /// words far apart are not taken as one statement.
    let sentences: [[Token]]
    /// For each sentence, the positions of the words that follow a comma, a colon or a dash: where a clause may start.
    let commas: [Set<Int>]

    /// The longest run of words read as one sentence.
    static let window = 24
    /// At most this many characters of a message are read (a long email: about 3,500 words).
    static let maxCharacters = 20_000

    init(_ text: String) {
        var sentences: [Piece] = []
        var current: [Token] = []
        var commas: Set<Int> = []
        var word = String.UnicodeScalarView()
        func endWord() {
            if !word.isEmpty { current.append(Self.token(word)) }
            word = String.UnicodeScalarView()
        }
        func endSentence() {
            endWord()
            if !current.isEmpty { sentences.append((current, commas)) }
            current = []
            commas = []
        }
        for scalar in Self.fold(String(text.prefix(Self.maxCharacters))).unicodeScalars {
            if Self.isWordScalar(scalar) {
                word.append(scalar)
            } else if Self.joiners.contains(scalar) {
                continue
            } else if Self.sentenceEnds.contains(scalar) {
                endSentence()
            } else {
                endWord()
                if Self.clauseMarks.contains(scalar), !current.isEmpty { commas.insert(current.count) }
            }
        }
        endSentence()
        let pieces = sentences.flatMap(Self.pieces)
        self.sentences = pieces.map(\.words)
        self.commas = pieces.map(\.commas)
    }

    /// A sentence's words and the positions of those that follow a comma.
    private typealias Piece = (words: [Token], commas: Set<Int>)

    /// A sentence as overlapping pieces of at most `window` words (each starting half a window after the last),
    /// each with its commas' positions in it.
    private static func pieces(_ sentence: Piece) -> [Piece] {
        guard sentence.words.count > window else { return [sentence] }
        return stride(from: 0, to: sentence.words.count - window / 2, by: window / 2).map { start in
            let end = min(start + window, sentence.words.count)
            return (Array(sentence.words[start..<end]),
                    Set(sentence.commas.filter { $0 > start && $0 < end }.map { $0 - start }))
        }
    }

    /// The folded words of a short piece of text (a pattern's word), without sentence structure.
    static func words(_ text: String) -> [Token] { DisclosureText(text).sentences.flatMap { $0 } }

    // MARK: - Folding

    private static let joiners: Set<Unicode.Scalar> = ["'", "’", "`", "´", "ʼ"]
    private static let sentenceEnds: Set<Unicode.Scalar> = [".", "!", "?", ";", "…", "\n", "\r"]
    /// Marks after which a new clause may start (what a harmless look-alike says holds within one clause).
    private static let clauseMarks: Set<Unicode.Scalar> = [",", ":", "—", "–"]

    /// A letter or a digit of any script: part of a word. ASCII is decided without Unicode's property tables.
    private static func isWordScalar(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.isASCII {
            let byte = UInt8(scalar.value)
            return SlotInput.isLetter(byte) || SlotInput.isDigit(byte)
        }
        return scalar.properties.isAlphabetic || scalar.properties.numericType != nil
    }

    /// Whether a scalar is a digit or another number (`²`, `½`); ASCII without the property tables.
    private static func isNumberScalar(_ scalar: Unicode.Scalar) -> Bool {
        scalar.isASCII ? SlotInput.isDigit(UInt8(scalar.value)) : scalar.properties.numericType != nil
    }

    /// Lower case without diacritics, Turkish dotted and dotless i both read as "i".
    static func fold(_ text: String) -> String {
        // ASCII (most messages): lower case is all there is to do, and "I" lowers to "i" anyway.
        if text.utf8.allSatisfy({ $0 < 0x80 }) { return text.lowercased() }
        var scalars = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\u{130}", "I", "\u{131}": scalars.append("i")
            default: scalars.append(scalar)
            }
        }
        let lowered = String(scalars).lowercased()
        // Pure ASCII has no diacritics to remove: skip the decomposition (most messages).
        guard !lowered.utf8.allSatisfy({ $0 < 0x80 }) else { return lowered }
        let decomposed = lowered.decomposedStringWithCanonicalMapping.unicodeScalars
        return String(String.UnicodeScalarView(decomposed.filter { !(0x300...0x36F).contains($0.value) }))
    }

    /// "meee" → "me": a letter typed three or more times in a row counts once; doubled letters stay ("too").
    static func collapsingRuns(_ word: String.UnicodeScalarView) -> String.UnicodeScalarView {
        var result = String.UnicodeScalarView()
        var run: (scalar: Unicode.Scalar, count: Int)?
        func flush() {
            guard let run else { return }
            for _ in 0..<(run.count >= 3 ? 1 : run.count) { result.append(run.scalar) }
        }
        for scalar in word {
            if run?.scalar == scalar {
                run?.count += 1
            } else {
                flush()
                run = (scalar, 1)
            }
        }
        flush()
        return result
    }

    private static func token(_ raw: String.UnicodeScalarView) -> Token {
        let word = collapsingRuns(raw)
        let isLatin = word.allSatisfy(\.isASCII)
        let plain = String(word)
        return Token(
            plain: plain, latinSkeleton: isLatin ? latinSkeleton(plain) : nil,
            isNumber: word.allSatisfy(isNumberScalar), length: word.count)
    }

    // MARK: - Bulgarian in Latin letters

    /// The skeleton of a Bulgarian word written in Latin letters: the common ways to type one Cyrillic letter
    /// ("sh", "6" for ш; "ya", "q" for я) reduced to one, longest first at each place.
    static func latinSkeleton(_ word: String) -> String {
        let bytes = Array(word.utf8)
        var result: [UInt8] = []
        result.reserveCapacity(bytes.count)
        var index = 0
        while index < bytes.count {
            if let (from, to) = latinReplacements[Int(bytes[index])].first(where: { from, _ in
                bytes.count - index >= from.count && bytes[index..<(index + from.count)].elementsEqual(from)
            }) {
                result += to
                index += from.count
            } else {
                result.append(bytes[index])
                index += 1
            }
        }
        return String(decoding: result, as: UTF8.self)
    }

    /// The skeleton of a Bulgarian word written in Cyrillic, comparable with `latinSkeleton`.
    static func cyrillicSkeleton(_ word: String) -> String {
        String(word.flatMap { cyrillicLetters[$0] ?? String($0) })
    }

    /// Latin spellings of one Cyrillic letter and the skeleton's letter for them, filed by their first byte (all 256
    /// of them), longest first.
    private static let latinReplacements: [[([UInt8], [UInt8])]] = {
        let spellings: [(String, String)] = [
            ("sht", "st"), ("sh", "s"), ("zh", "z"), ("ch", "c"), ("ts", "c"), ("tz", "c"), ("ya", "a"), ("yu", "u"),
            ("q", "a"), ("w", "st"), ("6", "s"), ("4", "c"), ("y", "i"), ("x", "h"), ("j", "z"),
        ]
        var byFirstByte = [[([UInt8], [UInt8])]](repeating: [], count: 256)
        for (from, to) in spellings { byFirstByte[Int(from.utf8.first!)].append((Array(from.utf8), Array(to.utf8))) }
        return byFirstByte
    }()

    private static let cyrillicLetters: [Character: String] = [
        "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ж": "z", "з": "z", "и": "i", "к": "k", "л": "l",
        "м": "m", "н": "n", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "h", "ц": "c",
        "ч": "c", "ш": "s", "щ": "st", "ъ": "a", "ь": "", "ю": "u", "я": "a",
    ]
}

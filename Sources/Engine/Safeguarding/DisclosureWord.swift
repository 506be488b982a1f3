/// One word of a disclosure pattern: a whole word (`hits`), a stem with any ending (`hit*`), a word that may carry
/// one typo (`suicide~`: "sucide", "suicdie"), or any number (`<number>`). A word written in Cyrillic also matches
/// the same word typed in Latin letters ("бие" — "bie", "баща" — "bashta").
struct DisclosureWord: Hashable, Sendable {
    enum Form: Hashable, Sendable {
        case whole, stem, typo, number
    }

    let form: Form
    /// The folded word (without `*` or `~`).
    let plain: String
    /// For a Cyrillic word: its Latin skeleton (`DisclosureText.cyrillicSkeleton`).
    let skeleton: String?

    /// The shortest stem `*` may follow, and the shortest word `~` may follow: shorter ones match too many words.
    static let shortestStem = 2
    static let shortestTypoWord = 5

    init(form: Form, plain: String) {
        self.form = form
        self.plain = plain
        let cyrillic = plain.unicodeScalars.contains { (0x400...0x4FF).contains($0.value) }
        skeleton = cyrillic ? DisclosureText.cyrillicSkeleton(plain) : nil
    }

    func matches(_ token: DisclosureText.Token) -> Bool {
        if form == .number { return token.isNumber }
        if let skeleton, let latin = token.latinSkeleton { return Self.compare(skeleton, latin, form) }
        return Self.compare(plain, token.plain, form)
    }

    private static func compare(_ pattern: String, _ word: String, _ form: Form) -> Bool {
        switch form {
        case .whole: return word == pattern
        case .stem: return word.hasPrefix(pattern)
        case .typo:
            if word == pattern { return true }
            // ASCII (every skeleton, most words): a character is a byte.
            if word.utf8.allSatisfy({ $0 < 0x80 }) && pattern.utf8.allSatisfy({ $0 < 0x80 }) {
                return word.utf8.count >= shortestTypoWord
                    && Spelling.withinOneEdit(Array(pattern.utf8), Array(word.utf8))
            }
            return word.count >= shortestTypoWord && Spelling.withinOneEdit(pattern, word)
        case .number: return false
        }
    }
}

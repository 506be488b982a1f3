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
                return word.utf8.count >= shortestTypoWord && withinOneEdit(Array(pattern.utf8), Array(word.utf8))
            }
            return word.count >= shortestTypoWord && withinOneEdit(pattern, word)
        case .number: return false
        }
    }

    /// Whether `a` becomes `b` by at most one inserted, deleted or changed letter, or two neighbours swapped.
    static func withinOneEdit(_ a: String, _ b: String) -> Bool {
        withinOneEdit(Array(a), Array(b))
    }

    /// ``withinOneEdit(_:_:)`` on the characters (or, for ASCII, the bytes) of two words.
    private static func withinOneEdit<Letter: Equatable>(_ x: [Letter], _ y: [Letter]) -> Bool {
        guard abs(x.count - y.count) <= 1 else { return false }
        var i = 0
        while i < min(x.count, y.count), x[i] == y[i] { i += 1 }
        if i == x.count && i == y.count { return true }
        if x.count == y.count {
            if x[(i + 1)...] == y[(i + 1)...] { return true }
            return i + 1 < x.count && x[i] == y[i + 1] && x[i + 1] == y[i] && x[(i + 2)...] == y[(i + 2)...]
        }
        return x.count > y.count ? x[(i + 1)...] == y[i...] : x[i...] == y[(i + 1)...]
    }
}

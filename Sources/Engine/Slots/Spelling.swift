/// How a word may be written other than as the lexicon has it: with one typo, or shortened the way people text.
enum Spelling {
    /// Whether `a` becomes `b` by at most one inserted, deleted or changed letter, or two neighbours swapped.
    static func withinOneEdit(_ a: String, _ b: String) -> Bool {
        a.utf8.allSatisfy { $0 < 0x80 } && b.utf8.allSatisfy { $0 < 0x80 }
            ? withinOneEdit(Array(a.utf8), Array(b.utf8)) : withinOneEdit(Array(a), Array(b))
    }

    /// ``withinOneEdit(_:_:)`` on the characters (or, for ASCII, the bytes) of two words.
    static func withinOneEdit<Letter: Equatable>(_ x: [Letter], _ y: [Letter]) -> Bool {
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

    /// The texting shortening of a Latin word: its first letter and its other consonants ("about" → "abt", "talked"
    /// → "tlkd"); nil when that drops no letter or leaves fewer than three.
    static func shortened(_ word: String) -> String? {
        guard let first = word.utf8.first, word.utf8.allSatisfy({ SlotInput.isLetter($0) }) else { return nil }
        let vowels = Set("aeiouy".utf8)
        let kept = [first] + word.utf8.dropFirst().filter { !vowels.contains($0) }
        guard kept.count >= 3, kept.count < word.utf8.count else { return nil }
        return String(decoding: kept, as: UTF8.self)
    }
}

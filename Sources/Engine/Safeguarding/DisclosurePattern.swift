/// A pattern of a `.signals` file: one or more phrases joined by `+`, all of which must occur in one sentence, in
/// any order ("{family} + beni + döv*": "babam beni dövüyor", "beni dövüyor babam"). Read with its words
/// (`DisclosureWord`), then kept with their numbers in the detector's `DisclosureLexicon` (`Word == Int`).
struct DisclosurePattern<Word: Sendable & Hashable>: Sendable {
    /// Words in order. Each element follows the one before it within `nearGap` other words, or anywhere later in
    /// the sentence after `...`.
    struct Phrase: Sendable {
        let elements: [Element]
        /// Per element: whether `...` stands before it.
        let farBefore: [Bool]
    }

    /// One place in a phrase: any of its alternatives (`a|b|{list}`), each a run of adjacent words.
    struct Element: Sendable {
        let alternatives: [[Word]]
    }

    /// How many other words may stand between two neighbouring elements of a phrase.
    static var nearGap: Int { 2 }

    let phrases: [Phrase]

    /// The same pattern with each word replaced.
    func map<Other>(_ transform: (Word) -> Other) -> DisclosurePattern<Other> {
        DisclosurePattern<Other>(phrases: phrases.map { phrase in
            .init(elements: phrase.elements.map { .init(alternatives: $0.alternatives.map { $0.map(transform) }) },
                  farBefore: phrase.farBefore)
        })
    }
}

extension DisclosurePattern where Word == Int {
    /// One sentence of a message as the patterns read it: for each word, the numbers of the pattern words it
    /// matches; and all of them together, to pass over a pattern at once when one of its places cannot be filled.
    struct Sentence {
        let words: [[Int]]
        let all: Set<Int>
    }

    /// For each element of every phrase, the words it can start with: a sentence lacking all of them cannot match.
    var firstWords: [Set<Int>] {
        phrases.flatMap(\.elements).map { Set($0.alternatives.compactMap(\.first)) }
    }

    /// The positions of the words a match uses in `sentence`, or nil when the pattern does not occur. Words at
    /// `masked` positions (parts of a harmless look-alike) are never used, but may stand in a gap.
    func match(_ sentence: Sentence, masked: Set<Int>) -> Set<Int>? {
        var used: Set<Int> = []
        for phrase in phrases {
            guard let found = sentence.words.indices.lazy
                .compactMap({ phrase.match(sentence.words, masked, from: 0, at: $0) }).first
            else { return nil }
            used.formUnion(found)
        }
        return used
    }

    /// The positions of every word any match uses in `sentence` (a harmless look-alike masks all of them), each of
    /// the pattern's parts starting in `clause`: its parts joined by `+` belong together only in one clause, while a
    /// part may go on past it after `...` ("(kimseye söyleme) ... sürpriz*").
    func allMatches(_ sentence: Sentence, startingIn clause: Range<Int>) -> Set<Int> {
        var used: Set<Int> = []
        for phrase in phrases {
            let found = clause.compactMap { phrase.match(sentence.words, [], from: 0, at: $0) }
            guard !found.isEmpty else { return [] }
            for positions in found { used.formUnion(positions) }
        }
        return used
    }
}

extension DisclosurePattern.Phrase where Word == Int {
    /// Element `index` and those after it, starting at word `position`: the positions used, or nil.
    func match(_ sentence: [[Int]], _ masked: Set<Int>, from index: Int, at position: Int) -> [Int]? {
        for run in elements[index].alternatives {
            guard let end = Self.match(run, sentence, masked, at: position) else { continue }
            let used = Array(position..<end)
            if index + 1 == elements.count { return used }
            let last = farBefore[index + 1]
                ? sentence.count - 1 : min(sentence.count - 1, end + DisclosurePattern.nearGap)
            guard end <= last else { continue }
            for next in end...last {
                if let rest = match(sentence, masked, from: index + 1, at: next) { return used + rest }
            }
        }
        return nil
    }

    /// The position after `run` when its words stand at `position` onwards, none of them masked.
    private static func match(_ run: [Int], _ sentence: [[Int]], _ masked: Set<Int>, at position: Int)
        -> Int?
    {
        guard position + run.count <= sentence.count else { return nil }
        for (offset, word) in run.enumerated() {
            let at = position + offset
            guard !masked.contains(at), sentence[at].contains(word) else { return nil }
        }
        return position + run.count
    }
}

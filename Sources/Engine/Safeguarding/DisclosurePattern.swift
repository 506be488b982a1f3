/// A pattern of a `.signals` file: one or more phrases joined by `+`, all of which must occur in one sentence, in
/// any order ("{family} + beni + döv*": "babam beni dövüyor", "beni dövüyor babam").
struct DisclosurePattern: Sendable {
    /// Words in order. Each element follows the one before it within `nearGap` other words, or anywhere later in
    /// the sentence after `...`.
    struct Phrase: Sendable {
        let elements: [Element]
        /// Per element: whether `...` stands before it.
        let farBefore: [Bool]
    }

    /// One place in a phrase: any of its alternatives (`a|b|{list}`), each a run of adjacent words.
    struct Element: Sendable {
        let alternatives: [[DisclosureWord]]
    }

    /// How many other words may stand between two neighbouring elements of a phrase.
    static let nearGap = 2

    let phrases: [Phrase]

    /// The positions of the words a match uses in `sentence`, or nil when the pattern does not occur. Words at
    /// `masked` positions (parts of a harmless look-alike) are never used, but may stand in a gap.
    func match(_ sentence: [DisclosureText.Token], masked: Set<Int>) -> Set<Int>? {
        var used: Set<Int> = []
        for phrase in phrases {
            guard let found = sentence.indices.lazy.compactMap({ phrase.match(sentence, masked, from: 0, at: $0) })
                .first
            else { return nil }
            used.formUnion(found)
        }
        return used
    }

    /// The positions of every word any match uses in `sentence` (a harmless look-alike masks all of them).
    func allMatches(_ sentence: [DisclosureText.Token]) -> Set<Int> {
        var used: Set<Int> = []
        for phrase in phrases {
            let found = sentence.indices.compactMap { phrase.match(sentence, [], from: 0, at: $0) }
            guard !found.isEmpty else { return [] }
            for positions in found { used.formUnion(positions) }
        }
        return used
    }
}

extension DisclosurePattern.Phrase {
    /// Element `index` and those after it, starting at word `position`: the positions used, or nil.
    func match(_ sentence: [DisclosureText.Token], _ masked: Set<Int>, from index: Int, at position: Int) -> [Int]? {
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
    private static func match(
        _ run: [DisclosureWord], _ sentence: [DisclosureText.Token], _ masked: Set<Int>, at position: Int
    ) -> Int? {
        guard position + run.count <= sentence.count else { return nil }
        for (offset, word) in run.enumerated() {
            let at = position + offset
            guard !masked.contains(at), word.matches(sentence[at]) else { return nil }
        }
        return position + run.count
    }
}

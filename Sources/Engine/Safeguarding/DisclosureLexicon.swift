/// Every distinct word of every pattern, numbered, with indexes that find all the pattern words one word of a
/// message matches in a few dictionary look-ups — instead of comparing it with each of a thousand pattern words on
/// every inbound message.
struct DisclosureLexicon: Sendable {
    private var numbers: [DisclosureWord: Int] = [:]
    /// Whole words and stems by their folded form, and Cyrillic ones also by their Latin skeleton.
    private var whole: [String: [Int]] = [:]
    private var stems: [String: [Int]] = [:]
    private var skeletonWhole: [String: [Int]] = [:]
    private var skeletonStems: [String: [Int]] = [:]
    /// The lengths stems have (the prefixes of a word worth looking up).
    private var stemLengths: Set<Int> = []
    private var skeletonStemLengths: Set<Int> = []
    /// Words allowed one typo, and `<number>`: checked one by one (there are few).
    private var typos: [(word: DisclosureWord, id: Int)] = []
    private var anyNumber: [Int] = []


    /// The number of `word`, given the first time it is seen.
    mutating func id(_ word: DisclosureWord) -> Int {
        if let known = numbers[word] { return known }
        let id = numbers.count
        numbers[word] = id
        switch word.form {
        case .whole:
            whole[word.plain, default: []].append(id)
            if let skeleton = word.skeleton { skeletonWhole[skeleton, default: []].append(id) }
        case .stem:
            stems[word.plain, default: []].append(id)
            stemLengths.insert(word.plain.count)
            if let skeleton = word.skeleton {
                skeletonStems[skeleton, default: []].append(id)
                skeletonStemLengths.insert(skeleton.count)
            }
        case .typo:
            typos.append((word, id))
        case .number:
            anyNumber.append(id)
        }
        return id
    }

    /// The numbers of the pattern words `token` matches (as `DisclosureWord.matches` decides, word by word); most
    /// words of a message match none.
    func matches(_ token: DisclosureText.Token) -> [Int] {
        var found: [Int] = []
        func add(_ ids: [Int]?) { if let ids { found += ids } }
        // A Latin word is compared with Cyrillic pattern words through its skeleton only; a Latin pattern word's
        // plain form never equals a Cyrillic word, so the plain look-ups serve every word.
        add(whole[token.plain])
        Self.prefixes(of: token.plain, lengths: stemLengths) { add(stems[$0]) }
        if let skeleton = token.latinSkeleton {
            add(skeletonWhole[skeleton])
            Self.prefixes(of: skeleton, lengths: skeletonStemLengths) { add(skeletonStems[$0]) }
        }
        for (word, id) in typos where word.matches(token) { found.append(id) }
        if token.isNumber { add(anyNumber) }
        return found
    }

    private static func prefixes(of word: String, lengths: Set<Int>, _ body: (String) -> Void) {
        var prefix = ""
        var length = 0
        for character in word {
            prefix.append(character)
            length += 1
            if lengths.contains(length) { body(prefix) }
        }
    }
}

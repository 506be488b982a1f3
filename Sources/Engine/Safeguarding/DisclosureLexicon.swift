/// Every distinct word of every pattern, numbered, with indexes that find all the pattern words one word of a
/// message matches in a few dictionary look-ups — instead of comparing it with each of a thousand pattern words on
/// every inbound message.
struct DisclosureLexicon: Sendable {
    /// A stem and its number, filed under its first two letters.
    private struct Stem: Sendable {
        let text: String
        let id: Int
    }

    private var numbers: [DisclosureWord: Int] = [:]
    /// Whole words by their folded form, and Cyrillic ones also by their Latin skeleton.
    private var whole: [String: [Int]] = [:]
    private var skeletonWhole: [String: [Int]] = [:]
    /// Stems by their first two letters (the shortest a stem may be), likewise.
    private var stems: [String: [Stem]] = [:]
    private var skeletonStems: [String: [Stem]] = [:]
    /// Words allowed one typo (checked one by one: there are few), with their lengths, and `<number>`.
    private var typos: [(word: DisclosureWord, length: Int, id: Int)] = []
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
            stems[Self.start(word.plain), default: []].append(Stem(text: word.plain, id: id))
            if let skeleton = word.skeleton {
                skeletonStems[Self.start(skeleton), default: []].append(Stem(text: skeleton, id: id))
            }
        case .typo:
            typos.append((word, word.plain.unicodeScalars.count, id))
        case .number:
            anyNumber.append(id)
        }
        return id
    }

    /// The numbers of the pattern words `token` matches (as `DisclosureWord.matches` decides, word by word); most
    /// words of a message match none.
    func matches(_ token: DisclosureText.Token) -> [Int] {
        var found: [Int] = []
        // A Latin word is compared with Cyrillic pattern words through its skeleton only; a Latin pattern word's
        // plain form never equals a Cyrillic word, so the plain look-ups serve every word.
        found += whole[token.plain] ?? []
        for stem in stems[Self.start(token.plain)] ?? [] where token.plain.hasPrefix(stem.text) {
            found.append(stem.id)
        }
        if let skeleton = token.latinSkeleton {
            found += skeletonWhole[skeleton] ?? []
            for stem in skeletonStems[Self.start(skeleton)] ?? [] where skeleton.hasPrefix(stem.text) {
                found.append(stem.id)
            }
        }
        // One typo changes the length by one at most (a Latin spelling of a Cyrillic word is compared by skeleton).
        for (word, length, id) in typos
        where (abs(length - token.length) <= 1 || word.skeleton != nil && token.latinSkeleton != nil)
            && word.matches(token)
        {
            found.append(id)
        }
        if token.isNumber { found += anyNumber }
        return found
    }

    /// The first two letters of a word (all of a shorter one): where its stems are filed.
    private static func start(_ word: String) -> String { String(word.unicodeScalars.prefix(2)) }
}

/// Phrases of one or more words, found by their first word: which of them a run of words holds at a place.
///
/// A parser asks this for every word of an answer (is a filler, "and a half", a number word here?); looking the
/// word up once replaces comparing it with every phrase of three merged languages (issue 17).
struct PhraseIndex: Sendable, Hashable {
    /// Each phrase as its words, under its first word, longest first.
    private var byFirstWord: [String: [[String]]] = [:]

    init<Phrases: Sequence<String>>(_ phrases: Phrases) {
        for phrase in phrases {
            let words = phrase.split(separator: " ").map(String.init)
            guard let first = words.first else { continue }
            byFirstWord[first, default: []].append(words)
        }
        for first in byFirstWord.keys { byFirstWord[first]?.sort { $0.count > $1.count } }
    }

    /// How many words the longest phrase that `words` holds from `index` on has; nil when none starts there.
    func longest(in words: [String], at index: Int) -> Int? {
        guard index < words.count, let candidates = byFirstWord[words[index]] else { return nil }
        return candidates.first { phrase in
            index + phrase.count <= words.count && words[index..<(index + phrase.count)].elementsEqual(phrase)
        }?.count
    }
}

/// How a language written in another script is typed in Latin letters (`words.latin` in its `words.locale`: "а:a,
/// б:b, …, ш:sh, щ:sht"): its command and answer words are also known spelled so ("zapishi vchera" for "запиши
/// вчера"), for people who write it on a phone without its keyboard. Only that language's speakers get them: "ne"
/// is Bulgarian "no" but Turkish "what".
struct LatinSpelling: Sendable {
    /// The locale key of the table.
    static let key = "words.latin"

    private let letters: [Character: String]

    /// The table of a language's `words.latin` entry; nil without one.
    init?(_ entry: LocaleEntry?) {
        guard let value = entry?.value else { return nil }
        var letters: [Character: String] = [:]
        for item in value.split(separator: ",") {
            if let (letter, latin) = Self.pair(item) { letters[letter] = latin }
        }
        guard !letters.isEmpty else { return nil }
        self.letters = letters
    }

    /// One entry of the table, `letter:latin` ("ш:sh"); nil when it is not one (`tandem dialogs check` says so).
    static func pair(_ item: Substring) -> (Character, String)? {
        let parts = item.split(separator: ":", maxSplits: 1).map { $0.trimmed(Trim.whitespace) }
        guard parts.count == 2, parts[0].count == 1, let letter = parts[0].first, !parts[1].isEmpty,
              parts[1].allSatisfy(\.isASCII) else { return nil }
        return (letter, parts[1])
    }

    /// Whether the words of `key` are also known spelled in Latin letters: the `words.*` lists, commands
    /// (`*.trigger`), hints and phrases — not the texts the bot says.
    static func applies(to key: String) -> Bool {
        key != Self.key && (key.hasPrefix("words.") || key.hasSuffix(".trigger") || key.hasSuffix(".hints")
            || key.contains(".phrases."))
    }

    /// `word` in Latin letters; nil when it has none of the table's letters.
    func spelled(_ word: String) -> String? {
        var changed = false
        var result = ""
        result.reserveCapacity(word.utf8.count)
        for character in word {
            if let latin = letters[character] {
                result += latin
                changed = true
            } else {
                result.append(character)
            }
        }
        return changed ? result : nil
    }

    /// `words`, then the Latin spelling of each that is not among them already.
    func adding(to words: [String]) -> [String] {
        var all = words
        for word in words {
            if let spelled = spelled(word), !all.contains(spelled) { all.append(spelled) }
        }
        return all
    }
}

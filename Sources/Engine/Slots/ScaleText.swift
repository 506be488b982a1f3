/// The words of an integer question's scale, as a locale text: `5: very useful, excellent; 4: useful; 3: so-so`
/// — a number, a colon and its phrases, groups separated by `;`.
public enum ScaleText {
    /// A number of the scale and the first phrase given for it.
    public struct End: Sendable, Hashable {
        public let value: Int
        public let phrase: String
    }

    /// The lowest and the highest numbers of a scale, each with its first phrase.
    public struct Ends: Sendable, Hashable {
        public let low: End
        public let high: End
    }

    /// The ends of a scale text as written (not folded); nil when it is not a scale text.
    static func ends(_ text: String) -> Ends? {
        guard let groups = groups(text),
              let low = groups.min(by: { $0.value < $1.value }), let high = groups.max(by: { $0.value < $1.value }),
              let lowest = low.phrases.first, let highest = high.phrases.first else { return nil }
        return Ends(low: End(value: low.value, phrase: lowest), high: End(value: high.value, phrase: highest))
    }

    /// Phrase (folded) → number; nil when a group is not `N: phrase, …`. Each phrase is also known as typed in
    /// plain Latin letters on a phone ("cok faydali" for "çok faydalı"), unless that spelling is another phrase.
    static func parse(_ text: String) -> [String: Int]? {
        guard let groups = groups(text) else { return nil }
        var scale: [String: Int] = [:]
        var plain: [String: Int] = [:]
        for (value, phrases) in groups {
            for phrase in phrases.map(SlotInput.fold) {
                if scale[phrase] == nil { scale[phrase] = value }
                let undotted = TriggerMatcher.plain(phrase)
                if undotted.allSatisfy(\.isASCII), plain[undotted] == nil { plain[undotted] = value }
            }
        }
        return scale.merging(plain) { phrase, _ in phrase }
    }

    /// The text's groups as written, in order; nil when one is not `N: phrase, …` or there are none.
    private static func groups(_ text: String) -> [(value: Int, phrases: [String])]? {
        var groups: [(value: Int, phrases: [String])] = []
        for group in text.split(separator: ";") {
            let parts = group.split(separator: ":", maxSplits: 1)
            guard parts.count == 2, let value = Int(parts[0].trimmed(Trim.whitespace)) else { return nil }
            let phrases = parts[1].split(separator: ",").map { String($0.trimmed(Trim.whitespace)) }
            guard !phrases.isEmpty, !phrases.contains(where: \.isEmpty) else { return nil }
            groups.append((value, phrases))
        }
        return groups.isEmpty ? nil : groups
    }
}

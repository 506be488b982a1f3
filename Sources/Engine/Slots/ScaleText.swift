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
        guard parse(text) != nil else { return nil }
        let groups = text.split(separator: ";").compactMap { group -> End? in
            let parts = group.split(separator: ":", maxSplits: 1)
            guard parts.count == 2, let value = Int(parts[0].trimmed(Trim.whitespace)),
                  let phrase = parts[1].split(separator: ",").first?.trimmed(Trim.whitespace) else { return nil }
            return End(value: value, phrase: String(phrase))
        }
        guard let low = groups.min(by: { $0.value < $1.value }), let high = groups.max(by: { $0.value < $1.value })
        else { return nil }
        return Ends(low: low, high: high)
    }

    /// Phrase (folded) → number; nil when a group is not `N: phrase, …`. Each phrase is also known as typed in
    /// plain Latin letters on a phone ("cok faydali" for "çok faydalı"), unless that spelling is another phrase.
    static func parse(_ text: String) -> [String: Int]? {
        var scale: [String: Int] = [:]
        var plain: [String: Int] = [:]
        for group in text.split(separator: ";") {
            let parts = group.split(separator: ":", maxSplits: 1)
            guard parts.count == 2, let value = Int(parts[0].trimmed(Trim.whitespace)) else { return nil }
            let phrases = parts[1].split(separator: ",").map { SlotInput.fold($0.trimmed(Trim.whitespace)) }
            guard !phrases.isEmpty, !phrases.contains(where: \.isEmpty) else { return nil }
            for phrase in phrases {
                if scale[phrase] == nil { scale[phrase] = value }
                let undotted = TriggerMatcher.plain(phrase)
                if undotted.allSatisfy(\.isASCII), plain[undotted] == nil { plain[undotted] = value }
            }
        }
        return scale.isEmpty ? nil : scale.merging(plain) { phrase, _ in phrase }
    }
}

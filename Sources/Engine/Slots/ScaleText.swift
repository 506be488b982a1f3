/// The words of an integer question's scale, as a locale text: `5: very useful, excellent; 4: useful; 3: so-so`
/// — a number, a colon and its phrases, groups separated by `;`.
enum ScaleText {
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

/// Which flow a message starts — the one place trigger words are matched (the engine, and the email channel when
/// it picks the line that opens a flow, both ask here).
///
/// A flow's `trigger:` words start it when one begins the message as a whole word (followed by nothing, white
/// space, `:` or `,`); the longest such word wins. `trigger anywhere:` words start it wherever they stand in the
/// message as whole words.
public struct TriggerMatcher: Sendable {
    /// A flow whose trigger word begins a message, and the message after that word.
    public struct Match: Sendable {
        public let flow: Flow
        /// The trigger word, lower-cased as in the locale.
        public let word: String
        /// The message after the word and the spaces, colons and commas that follow it.
        public let rest: String
    }

    public let catalog: DialogCatalog

    public init(catalog: DialogCatalog) { self.catalog = catalog }

    /// The flow among those `admitted` whose trigger word (in `language`, or English) begins `text`.
    public func starting(_ text: String, language: String, admitted: (Flow) -> Bool = { _ in true }) -> Match? {
        let lower = text.lowercased()
        var best: (flow: Flow, word: String)?
        for flow in catalog.flows where admitted(flow) {
            guard let key = flow.trigger else { continue }
            for word in catalog.localizer.words(key, language) where word.count > (best?.word.count ?? 0) {
                guard lower.hasPrefix(word) else { continue }
                let after = lower.dropFirst(word.count).first
                if after.map(Self.endsWord) ?? true { best = (flow, word) }
            }
        }
        guard let best else { return nil }
        let rest = text.dropFirst(best.word.count).trimmed { $0 == ":" || $0 == "," || Trim.whitespaceOrNewline($0) }
        return Match(flow: best.flow, word: best.word, rest: rest)
    }

    /// The first flow among those `admitted` with a `trigger anywhere:` word or phrase anywhere in `text`.
    public func anywhere(_ text: String, language: String, admitted: (Flow) -> Bool = { _ in true }) -> Flow? {
        var plain = text.lowercased()
        // "İ" lower-cases to "i" and a combining dot; Turkish words are written without it.
        if plain.unicodeScalars.contains("\u{307}") { plain = plain.replacingOccurrences(of: "i\u{307}", with: "i") }
        return catalog.flows.first { flow in
            guard admitted(flow), let key = flow.triggerAnywhere else { return false }
            return catalog.localizer.words(key, language).contains { Self.containsWord($0, in: plain) }
        }
    }

    /// Whether `character`, right after a trigger word, ends it.
    static func endsWord(_ character: Character) -> Bool {
        character == ":" || character == "," || character.isWhitespace
    }

    /// Whether `word` (a word or phrase, lower-cased) occurs in `text` as whole words: not inside a longer word.
    static func containsWord(_ word: String, in text: String) -> Bool {
        guard !word.isEmpty else { return false }
        var searchRange = text.startIndex..<text.endIndex
        while let found = text.range(of: word, range: searchRange) {
            let before = found.lowerBound == text.startIndex ? nil : text[text.index(before: found.lowerBound)]
            let after = found.upperBound == text.endIndex ? nil : text[found.upperBound]
            let isWordCharacter = { (character: Character?) in character.map { $0.isLetter || $0.isNumber } ?? false }
            if !isWordCharacter(before), !isWordCharacter(after) { return true }
            searchRange = text.index(after: found.lowerBound)..<text.endIndex
        }
        return false
    }
}

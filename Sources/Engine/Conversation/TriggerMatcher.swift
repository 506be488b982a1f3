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
    /// Per language, every flow's trigger words (in any language, that one's first) by their first character,
    /// longest first: looked up on every message, so worked out once.
    private let index: [String: [Character: [(flow: Int, word: String)]]]
    /// Per language, each flow's trigger words (by the flow's place in the catalog) with their plain forms, for the
    /// near and last-word matches: folding a word costs more than comparing it, so it is done once.
    private let plainWords: [String: [[PlainWord]]]
    /// Per language, the greetings (`words.greeting`, in any language, longest first) by the first byte of their
    /// lower- and upper-case forms: asked of every message, so without folding it first.
    private let greetings: [String: [UInt8: [String]]]

    /// A trigger word and its ``plain(_:)`` form.
    private struct PlainWord: Sendable {
        let word: String
        let plain: String
        /// The plain form's letters, as ``closeness(_:_:)`` compares them.
        let letters: [Unicode.Scalar]
        /// How many words the plain form has ("my log": 2).
        let words: Int
        /// The word's length in characters.
        let length: Int

        init(_ word: String) {
            self.word = word
            length = word.count
            plain = TriggerMatcher.plain(word)
            letters = Array(plain.unicodeScalars)
            words = plain.split(separator: " ").count
        }
    }

    public init(catalog: DialogCatalog) {
        self.catalog = catalog
        var index: [String: [Character: [(flow: Int, word: String)]]] = [:]
        var plainWords: [String: [[PlainWord]]] = [:]
        for language in Set(catalog.localizer.languages + [Localizer.fallbackLanguage]) {
            var byCharacter: [Character: [(flow: Int, word: String)]] = [:]
            for (number, flow) in catalog.flows.enumerated() {
                guard let key = flow.trigger else { continue }
                for word in catalog.localizer.wordsInAnyLanguage(key, language) {
                    if let first = word.first { byCharacter[first, default: []].append((number, word)) }
                }
            }
            index[language] = byCharacter.mapValues { words in
                words.enumerated().sorted { a, b in
                    (a.element.word.count, -a.offset) > (b.element.word.count, -b.offset)
                }.map(\.element)
            }
            plainWords[language] = catalog.flows.map { flow in
                flow.trigger.map { catalog.localizer.wordsInAnyLanguage($0, language).map(PlainWord.init) } ?? []
            }
        }
        self.index = index
        self.plainWords = plainWords
        var greetings: [String: [UInt8: [String]]] = [:]
        for language in Set(catalog.localizer.languages + [Localizer.fallbackLanguage]) {
            var byByte: [UInt8: [String]] = [:]
            let words = catalog.localizer.wordsInAnyLanguage("words.greeting", language)
            for word in words.sorted(by: { $0.count > $1.count }) {
                for first in Set([word.utf8.first, word.uppercased().utf8.first].compactMap { $0 }) {
                    byByte[first, default: []].append(word)
                }
            }
            greetings[language] = byByte
        }
        self.greetings = greetings
    }

    /// Every flow admitted, with its trigger words in `language` (any language, that one's first) and their plain
    /// forms.
    private func plainTriggers(_ language: String, admitted: (Flow) -> Bool) -> [(flow: Flow, words: [PlainWord])] {
        let known = plainWords[Localizer.language(of: language)]
        return catalog.flows.enumerated().compactMap { number, flow in
            guard admitted(flow), let key = flow.trigger else { return nil }
            return (flow, known?[number] ?? catalog.localizer.wordsInAnyLanguage(key, language).map(PlainWord.init))
        }
    }

    /// The flow among those `admitted` whose trigger word begins `text` — in any language, the person's first — or
    /// begins what follows a greeting ("hi, log yesterday 45 min", "Hello Tandem, expense …"). The longest word
    /// wins. A greeting alone, or one before words that start nothing, is a trigger word as any other ("hi": what's
    /// next).
    public func starting(_ text: String, language: String, admitted: (Flow) -> Bool = { _ in true }) -> Match? {
        if let rest = afterGreeting(text, language), let match = startingWord(rest, language, admitted) { return match }
        return startingWord(text, language, admitted)
    }

    /// What follows a greeting that begins `text` (``Lexicon``'s `words.greeting`, in any language) and the name of
    /// whom it greets ("Hi Tandem, …"); nil when `text` begins with none, or is nothing more.
    func afterGreeting(_ text: String, _ language: String) -> String? {
        guard let first = text.utf8.first,
              let greetings = greetings[language] ?? greetings[Localizer.language(of: language)]
                ?? greetings[Localizer.fallbackLanguage],
              let candidates = greetings[first] else { return nil }
        for greeting in candidates where text.prefix(greeting.count).lowercased() == greeting {
            var rest = text.dropFirst(greeting.count)
            guard let next = rest.first, Self.endsWord(next) || next == "-" else { continue }
            // "Hi Tandem, …", "Hello Ana! …": one word after the greeting, then a comma or "!", is whom it greets.
            if next == " ", let end = rest.dropFirst().firstIndex(where: { $0 == " " || $0 == "," || $0 == "!" }),
               rest[end] != " ", !rest[rest.index(after: rest.startIndex)..<end].contains(where: \.isNumber) {
                rest = rest[rest.index(after: end)...]
            }
            let after = rest.trimmed { ",.!:;-".unicodeScalars.contains($0) || Trim.whitespaceOrNewline($0) }
            return after.isEmpty ? nil : after
        }
        return nil
    }

    private func startingWord(_ text: String, _ language: String, _ admitted: (Flow) -> Bool) -> Match? {
        let lower = text.lowercased()
        guard let first = lower.first,
              let candidates = (index[language] ?? index[Localizer.fallbackLanguage])?[first] else { return nil }
        for (number, word) in candidates where lower.hasPrefix(word) {
            let after = lower.dropFirst(word.count).first
            guard after.map(Self.endsWord) ?? true, admitted(catalog.flows[number]) else { continue }
            let rest = text.dropFirst(word.count).trimmed { $0 == ":" || $0 == "," || Trim.whitespaceOrNewline($0) }
            return Match(flow: catalog.flows[number], word: word, rest: rest)
        }
        return nil
    }

    /// The flow among those `admitted` whose trigger word (of four letters or more, in any language) ends `text` —
    /// Turkish puts the verb last ("dün 1 saat görüştük", "süreyi 60 olarak değiştir") — and the message before it;
    /// or ends what comes before the first colon ("mentorlara duyuru: …"), and the message without the word.
    public func ending(_ text: String, language: String, admitted: (Flow) -> Bool) -> Match? {
        if let colon = text.firstIndex(of: ":"),
           let match = endingWord(String(text[..<colon]), language: language, admitted: admitted) {
            let message = text[text.index(after: colon)...].trimmed(Trim.whitespaceOrNewline)
            let rest = match.rest.isEmpty || message.isEmpty
                ? match.rest + message : match.rest + ": " + message
            return Match(flow: match.flow, word: match.word, rest: rest)
        }
        return endingWord(text, language: language, admitted: admitted)
    }

    private func endingWord(_ text: String, language: String, admitted: (Flow) -> Bool) -> Match? {
        let plainText = Self.plain(text).trimmed { ".!?,;: ".unicodeScalars.contains($0) }
        var best: (flow: Flow, word: String, length: Int)?
        for (flow, words) in plainTriggers(language, admitted: admitted) {
            for trigger in words where trigger.length >= 4 && trigger.length > (best?.length ?? 0) {
                let plainWord = trigger.plain
                guard plainText.hasSuffix(plainWord) else { continue }
                let before = plainText.dropLast(plainWord.count).last
                if before.map({ $0.isWhitespace || $0 == "," }) ?? false { best = (flow, plainWord, trigger.length) }
            }
        }
        guard let best else { return nil }
        let words = text.split(whereSeparator: \.isWhitespace)
        let rest = words.dropLast(best.word.split(separator: " ").count).joined(separator: " ")
        return Match(flow: best.flow, word: best.word, rest: rest)
    }

    /// The flow among those `admitted` whose trigger word is nearly the message's first words: written without its
    /// diacritics ("gorustuk") or with one letter wrong, missing, extra or two swapped ("lgo", "feedbak", "mylog"; a
    /// word of three letters only with two swapped). The closest wins, then the longest word.
    public func nearlyStarting(_ text: String, language: String, admitted: (Flow) -> Bool) -> Match? {
        let words = text.split(whereSeparator: \.isWhitespace)
        guard !words.isEmpty else { return nil }
        // A letter held for emphasis ("hiii", "heyyy") is read once: then within a letter of the word meant.
        let plainWords = words.prefix(4).map { word in
            let plain = Self.plain(String(word)).trimmed { ",.!?:;".unicodeScalars.contains($0) }
            let readings = SlotInput.withoutHeldLetters(plain)  // two when a letter is written three times or more
            return readings.count == 2 ? readings[1] : plain
        }
        // The message's first one, two, three and four words, as letters.
        let starts = plainWords.indices.map { Array(plainWords[...$0].joined(separator: " ").unicodeScalars) }
        var best: (flow: Flow, word: String, plain: String, distance: Int, used: Int)?
        for (flow, words) in plainTriggers(language, admitted: admitted) {
            for trigger in words {
                let (target, count) = (trigger.plain, trigger.words)
                for used in [count - 1, count, count + 1] where used >= 1 && used <= starts.count {
                    guard let distance = Self.closeness(starts[used - 1], trigger.letters) else { continue }
                    if best.map({ (distance, -target.count) < ($0.distance, -$0.plain.count) }) ?? true {
                        best = (flow, trigger.word, target, distance, used)
                    }
                }
            }
        }
        guard let best else { return nil }
        let rest = words.dropFirst(best.used).joined(separator: " ")
            .trimmed { $0 == ":" || $0 == "," || Trim.whitespaceOrNewline($0) }
        return Match(flow: best.flow, word: best.word, rest: rest)
    }

    /// 0 when `candidate` is `target` without diacritics, 1 when one letter is wrong, missing, extra or swapped
    /// with the next (for words of four letters or more; of three, only swapped); nil otherwise.
    static func closeness(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar]) -> Int? {
        guard abs(a.count - b.count) <= 1 else { return nil }
        if a == b { return 0 }
        guard b.count >= 3 else { return nil }
        if a.count == b.count, let first = a.indices.first(where: { a[$0] != b[$0] }) {
            let swapped = first + 1 < a.count && a[first] == b[first + 1] && a[first + 1] == b[first]
                && a[(first + 2)...] == b[(first + 2)...]
            if swapped { return 1 }
            if b.count >= 4, a[(first + 1)...] == b[(first + 1)...] { return 1 }
            return nil
        }
        guard b.count >= 4 else { return nil }
        let (long, short) = a.count > b.count ? (a, b) : (b, a)
        guard let first = short.indices.first(where: { short[$0] != long[$0] }) else { return 1 }
        return long[(first + 1)...].elementsEqual(short[first...]) ? 1 : nil
    }

    /// Lower-cased, without diacritics: "Görüştük" → "gorustuk", "İyi" → "iyi", "Ѝ" → "и".
    public static func plain(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in SlotInput.fold(text).unicodeScalars {
            switch scalar {
            case "ı": out.append("i")
            case "ş": out.append("s")
            case "ç": out.append("c")
            case "ğ": out.append("g")
            case "ö": out.append("o")
            case "ü": out.append("u")
            case "â", "á", "à", "ä": out.append("a")
            case "é", "è", "ê", "ë": out.append("e")
            case "î", "í", "ì", "ï": out.append("i")
            case "ô", "ó", "ò": out.append("o")
            case "û", "ú", "ù": out.append("u")
            case "й": out.append("и")
            case "ѝ": out.append("и")
            case "\u{300}"..."\u{36F}": continue
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
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
        ":,!?.".contains(character) || character.isWhitespace
    }

    /// Whether `word` (a word or phrase, lower-cased) occurs in `text` as whole words: not inside a longer word.
    public static func containsWord(_ word: String, in text: String) -> Bool {
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

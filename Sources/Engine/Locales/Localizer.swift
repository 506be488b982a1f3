/// Every text the bot says, per language, from the locale files. Missing keys fall back to English,
/// then to the key itself (which `tandem dialogs check` reports long before a user sees it).
///
/// A language may have a register variant (`locales/bg/informal/` → the voice `bg~informal`): the texts written
/// differently in that register; every other text comes from the language itself. A programme template chooses its
/// register (`register: informal`), so one template speaks in one register.
public struct Localizer: Sendable {
    /// The language every other one is checked against and falls back to.
    public static let fallbackLanguage = "en"

    /// Entries per language code (`en`, `bg`, `tr`).
    public let entries: [String: [String: LocaleEntry]]
    private let lexicons: [String: Lexicon]
    /// Every text split into its comma-separated, lower-cased words, per language — computed once, because
    /// command and label matching asks for them on every message.
    private let wordLists: [String: [String: [String]]]
    /// Per language, every key's words in that language, then English, then the others (computed once).
    private let anyLanguageWordLists: [String: [String: [String]]]
    /// Every text's comma-separated names, trimmed and as written, per voice: the labels of options and answers,
    /// which the engine asks for several times per message (computed once).
    private let labelLists: [String: [String: [String]]]

    public init(entries: [String: [String: LocaleEntry]]) {
        self.entries = entries
        let labelLists = entries.mapValues { texts in texts.mapValues { Self.labels(in: $0.value) } }
        self.labelLists = labelLists
        // The words are the labels, lower-cased.
        var wordLists = labelLists.mapValues { texts in texts.mapValues { $0.map { $0.lowercased() } } }
        var anyLanguage: [String: [String: [String]]] = [:]
        let order = entries.keys.filter { !$0.contains(Self.registerMark) }.sorted()
        for language in order {
            var lists: [String: [String]] = [:]
            for code in [language, Self.fallbackLanguage] + order {
                for (key, words) in wordLists[code] ?? [:] {
                    let known = lists[key] ?? []
                    lists[key] = known + words.filter { !known.contains($0) }
                }
            }
            anyLanguage[language] = lists
        }
        // A language typed in Latin letters: its own speakers' words also so spelled (no one else's).
        let spellings = order.compactMap { language in LatinSpelling(entries[language]?[LatinSpelling.key]).map {
            (language, $0)
        } }
        for (language, latin) in spellings {
            for key in wordLists[language]?.keys.filter(LatinSpelling.applies) ?? [] {
                if let words = wordLists[language]?[key] { wordLists[language]?[key] = latin.adding(to: words) }
                if let words = anyLanguage[language]?[key] { anyLanguage[language]?[key] = latin.adding(to: words) }
            }
        }
        self.wordLists = wordLists
        self.anyLanguageWordLists = anyLanguage
        let english = Lexicon(entries: entries[Self.fallbackLanguage] ?? [:])
        let own = entries.filter { !$0.key.contains(Self.registerMark) }.mapValues { Lexicon(entries: $0) }
        let spelled = Set(spellings.map(\.0))
        var lexicons: [String: Lexicon] = [:]
        for (language, lexicon) in own {
            let lexicon = spelled.contains(language)
                ? Lexicon(entries: entries[language] ?? [:], spellingLatin: true) : lexicon
            var merged = language == Self.fallbackLanguage ? english : lexicon.merged(with: english)
            for (other, words) in own.sorted(by: { $0.key < $1.key }) where other != language {
                merged = merged.withAnswerWords(of: words)
            }
            lexicons[language] = merged.prepared()
        }
        self.lexicons = lexicons
    }

    /// The languages people may choose (register variants are not languages).
    public var languages: [String] { entries.keys.filter { !$0.contains(Self.registerMark) }.sorted() }

    /// What separates a language from its register in a voice (`bg~informal`).
    public static let registerMark: Character = "~"

    /// The voice to speak `language` in for a programme whose template chose `register`: the language's variant in
    /// that register when there is one, else the language itself.
    public func voice(_ language: String, register: String?) -> String {
        guard let register else { return language }
        let variant = "\(Self.language(of: language))\(Self.registerMark)\(register)"
        return entries[variant] == nil ? language : variant
    }

    /// The language of a voice (`bg~informal` → `bg`): what is stored and compared.
    public static func language(of voice: String) -> String {
        guard let mark = voice.firstIndex(of: registerMark) else { return voice }
        return String(voice[..<mark])
    }

    /// The text for `key` in `language` (or a voice: its register's text, else the language's), with `{name}`
    /// placeholders replaced from `arguments`.
    public func text(_ key: String, _ language: String, _ arguments: [String: String] = [:]) -> String {
        let template = entries[language]?[key]?.value ?? entries[Self.language(of: language)]?[key]?.value
            ?? entries[Self.fallbackLanguage]?[key]?.value ?? key
        guard !arguments.isEmpty else { return template }
        return Self.fill(template, arguments)
    }

    /// `template` with each `{name}` that `arguments` has replaced by its value, and each `{name|one|other}` by the
    /// word for that number ("{count} {count|person|people}": "1 person", "2 people"), in one pass (a value is never
    /// searched for placeholders itself); other braces stay as they are.
    static func fill(_ template: String, _ arguments: [String: String]) -> String {
        let utf8 = template.utf8
        guard var open = utf8.firstIndex(of: UInt8(ascii: "{")) else { return template }
        var result = ""
        result.reserveCapacity(utf8.count + 32)
        var copied = utf8.startIndex
        while true {
            let nameStart = utf8.index(after: open)
            guard let close = utf8[nameStart...].firstIndex(of: UInt8(ascii: "}")) else { break }
            if let nextOpen = utf8[nameStart..<close].firstIndex(of: UInt8(ascii: "{")) {
                open = nextOpen  // "{{name}": the inner brace starts the placeholder
                continue
            }
            if let value = Self.value(of: template[nameStart..<close], arguments) {
                result += template[copied..<open]
                result += value
                copied = utf8.index(after: close)
            }
            guard let next = utf8[utf8.index(after: close)...].firstIndex(of: UInt8(ascii: "{")) else { break }
            open = next
        }
        result += template[copied...]
        return result
    }

    /// What the placeholder `name` stands for: its argument, or for `count|one|other` the form for that count.
    private static func value(of name: Substring, _ arguments: [String: String]) -> String? {
        guard let bar = name.firstIndex(of: "|") else { return arguments[String(name)] }
        let forms = name[name.index(after: bar)...].split(separator: "|", omittingEmptySubsequences: false)
        guard forms.count == 2, let count = arguments[String(name[..<bar])] else { return nil }
        return String(count == "1" ? forms[0] : forms[1])
    }

    /// The comma-separated names in the text for `key` (as ``text(_:_:_:)`` finds it), trimmed, as written: the
    /// first is how an option or a label is shown.
    public func labels(_ key: String, _ language: String) -> [String] {
        labelLists[language]?[key] ?? labelLists[Self.language(of: language)]?[key]
            ?? labelLists[Self.fallbackLanguage]?[key] ?? Self.labels(in: key)
    }

    private static func labels(in text: String) -> [String] {
        text.split(separator: ",").map { $0.trimmed(Trim.whitespace) }.filter { !$0.isEmpty }
    }

    /// The comma-separated words of `key`, lower-cased, in `language` then English.
    public func words(_ key: String, _ language: String) -> [String] {
        let language = Self.language(of: language)
        let own = wordLists[language]?[key] ?? []
        guard language != Self.fallbackLanguage else { return own }
        return own + (wordLists[Self.fallbackLanguage]?[key] ?? []).filter { !own.contains($0) }
    }

    /// The words of `key` in every language, `language`'s first: command words (triggers, help, cancel…) work
    /// whatever a person's language setting.
    public func wordsInAnyLanguage(_ key: String, _ language: String) -> [String] {
        anyLanguageWordLists[Self.language(of: language)]?[key] ?? words(key, language)
    }

    /// The words slot parsers recognise for a participant speaking `language`.
    public func lexicon(_ language: String) -> Lexicon {
        lexicons[Self.language(of: language)] ?? lexicons[Self.fallbackLanguage] ?? Lexicon()
    }
}

import Foundation

/// Every text the bot says, per language, from the locale files. Missing keys fall back to English,
/// then to the key itself (which `tandem dialogs check` reports long before a user sees it).
public struct Localizer: Sendable {
    /// The language every other one is checked against and falls back to.
    public static let fallbackLanguage = "en"

    /// Entries per language code (`en`, `bg`, `tr`).
    public let entries: [String: [String: LocaleEntry]]
    private let lexicons: [String: Lexicon]
    /// Every text split into its comma-separated, lower-cased words, per language — computed once, because
    /// command and label matching asks for them on every message.
    private let wordLists: [String: [String: [String]]]

    public init(entries: [String: [String: LocaleEntry]]) {
        self.entries = entries
        self.wordLists = entries.mapValues { texts in
            texts.mapValues { entry in
                entry.value.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
                    .filter { !$0.isEmpty }
            }
        }
        let english = Lexicon(entries: entries[Self.fallbackLanguage] ?? [:])
        var lexicons: [String: Lexicon] = [:]
        for (language, values) in entries {
            lexicons[language] = language == Self.fallbackLanguage ? english : Lexicon(entries: values).merged(with: english)
        }
        self.lexicons = lexicons
    }

    public var languages: [String] { entries.keys.sorted() }

    /// The text for `key` in `language`, with `{name}` placeholders replaced from `arguments`.
    public func text(_ key: String, _ language: String, _ arguments: [String: String] = [:]) -> String {
        let template = entries[language]?[key]?.value ?? entries[Self.fallbackLanguage]?[key]?.value ?? key
        guard !arguments.isEmpty else { return template }
        return Self.fill(template, arguments)
    }

    /// `template` with each `{name}` that `arguments` has replaced by its value, in one pass (a value is never
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
            if let value = arguments[String(template[nameStart..<close])] {
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

    /// The comma-separated words of `key`, lower-cased, in `language` then English.
    public func words(_ key: String, _ language: String) -> [String] {
        let own = wordLists[language]?[key] ?? []
        guard language != Self.fallbackLanguage else { return own }
        return own + (wordLists[Self.fallbackLanguage]?[key] ?? []).filter { !own.contains($0) }
    }

    /// The comma-separated words of `key` in every language, the speaker's first: safeguarding words work whatever
    /// the language setting (a pupil set to English may still write "anlat").
    public func wordsInEveryLanguage(_ key: String, _ language: String) -> [String] {
        var all = words(key, language)
        for other in languages where other != language {
            all += (wordLists[other]?[key] ?? []).filter { !all.contains($0) }
        }
        return all
    }

    /// The words slot parsers recognise for a participant speaking `language`.
    public func lexicon(_ language: String) -> Lexicon {
        lexicons[language] ?? lexicons[Self.fallbackLanguage] ?? Lexicon()
    }
}

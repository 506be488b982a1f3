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
        guard !arguments.isEmpty, template.contains("{") else { return template }
        var result = template
        for (name, value) in arguments {
            result = result.replacingOccurrences(of: "{\(name)}", with: value)
        }
        return result
    }

    /// The comma-separated words of `key`, lower-cased, in `language` then English.
    public func words(_ key: String, _ language: String) -> [String] {
        let own = wordLists[language]?[key] ?? []
        guard language != Self.fallbackLanguage else { return own }
        return own + (wordLists[Self.fallbackLanguage]?[key] ?? []).filter { !own.contains($0) }
    }

    /// The words slot parsers recognise for a participant speaking `language`.
    public func lexicon(_ language: String) -> Lexicon {
        lexicons[language] ?? lexicons[Self.fallbackLanguage] ?? Lexicon()
    }
}

import Foundation

/// Whether a message in a group room is for the bot, and what it says to it: `!tandem …`, or a mention anywhere —
/// `m.mentions` naming the bot, a pill (a link to the bot in `formatted_body`), or, from a client that sends no
/// `m.mentions`, the bot's user ID or name written in the text. The mention is taken out; words before a mention
/// near the start ("hey Tandem, what's next?") are a greeting and go with it.
public struct MatrixAddressing: Sendable {
    /// The bot's full user ID, e.g. `@tandem:example.org`.
    public let botUserID: String
    public static let commandPrefix = "!tandem"
    /// Words before a mention that still make it a greeting rather than part of the request.
    static let greetingWords = 2

    public init(botUserID: String) { self.botUserID = botUserID }

    var localpart: String { String(botUserID.dropFirst().prefix { $0 != ":" }) }

    /// The text for the bot, or nil when the message is not addressed to it.
    /// - Parameters:
    ///   - text: the plain body (reply fallback already removed).
    ///   - html: `formatted_body`, if any (reply fallback already removed).
    ///   - mentions: `m.mentions`, if the client sent it.
    public func request(in text: String, html: String?, mentions: JSONValue?) -> String? {
        if text.lowercased().hasPrefix(Self.commandPrefix) {
            return Self.trim(String(text.dropFirst(Self.commandPrefix.count)))
        }
        let pills = html.map(pillTexts) ?? []
        let mentioned: Bool
        if let mentions {
            // Intentional mentions: when the client says whom it mentions, only that counts.
            mentioned = mentions["user_ids"]?.array?.contains { $0.string?.lowercased() == botUserID.lowercased() }
                ?? false
        } else {
            mentioned = !pills.isEmpty || names(pills).contains { Self.wordRange(of: $0, in: text) != nil }
        }
        guard mentioned else { return nil }
        return strippingMention(text, names: names(pills))
    }

    /// What the bot may be called in a text, longest first: pill texts, its user ID, `@localpart`, the localpart.
    private func names(_ pills: [String]) -> [String] {
        Array(Set(pills + [botUserID, "@" + localpart, localpart]).filter { !$0.isEmpty })
            .sorted { $0.count > $1.count }
    }

    /// The text without the first mention of the bot (and a greeting before it).
    func strippingMention(_ text: String, names: [String]) -> String {
        let found = names.lazy.compactMap { Self.wordRange(of: $0, in: text) }.min { $0.lowerBound < $1.lowerBound }
        guard let range = found else { return Self.trim(text) }
        let before = String(text[..<range.lowerBound])
        let after = String(text[range.upperBound...])
        let words = before.split { $0.isWhitespace || $0.isPunctuation }.count
        guard words > Self.greetingWords else { return Self.trim(after) }
        let head = before.trimmingCharacters(in: CharacterSet(charactersIn: " ,;:\n"))
        let tail = after.trimmingCharacters(in: .whitespaces)
        guard let first = tail.unicodeScalars.first else { return head }
        return CharacterSet.punctuationCharacters.contains(first) ? head + tail : head + " " + tail
    }

    /// The link texts of pills pointing at the bot (`<a href="https://matrix.to/#/@bot:server">Name</a>`).
    func pillTexts(_ html: String) -> [String] {
        var texts: [String] = []
        var rest = html[...]
        while let open = rest.range(of: "<a ", options: .caseInsensitive),
              let tagEnd = rest.range(of: ">", range: open.upperBound..<rest.endIndex),
              let close = rest.range(of: "</a>", options: .caseInsensitive, range: tagEnd.upperBound..<rest.endIndex) {
            let tag = String(rest[open.upperBound..<tagEnd.lowerBound]).removingPercentEncoding ?? ""
            if tag.lowercased().contains("matrix.to/#/" + botUserID.lowercased()) {
                texts.append(String(rest[tagEnd.upperBound..<close.lowerBound]))
            }
            rest = rest[close.upperBound...]
        }
        return texts.filter { !$0.isEmpty && !$0.contains("<") }
    }

    /// Where `word` occurs in `text` as a whole word (not inside a longer one), any case.
    static func wordRange(of word: String, in text: String) -> Range<String.Index>? {
        var searchRange = text.startIndex..<text.endIndex
        while let found = text.range(of: word, options: .caseInsensitive, range: searchRange) {
            let before = found.lowerBound == text.startIndex ? nil : text[text.index(before: found.lowerBound)]
            let after = found.upperBound == text.endIndex ? nil : text[found.upperBound]
            let isWordCharacter = { (character: Character?) in character.map { $0.isLetter || $0.isNumber } ?? false }
            if !isWordCharacter(before), !isWordCharacter(after) { return found }
            searchRange = found.upperBound..<text.endIndex
        }
        return nil
    }

    private static func trim(_ text: String) -> String {
        text.trimmingCharacters(in: CharacterSet(charactersIn: " :,\n"))
    }
}

import Engine
import Foundation
import Store

/// A message such as `approve 12`, `reject 12 no receipt`, `yes` or `my expenses`, read into a verb, an optional
/// claim number and the rest of the text.
public struct ExpenseCommand: Sendable, Hashable {
    public let verb: ExpenseVerb?
    public let claimID: Int64?
    public let rest: String

    /// Reads `text` with the verb words of `language` (longest match first; English words always work).
    public init(_ text: String, among verbs: [ExpenseVerb], localizer: Localizer, language: String) {
        let lower = text.lowercased().trimmingCharacters(in: .whitespacesAndNewlines)
        var found: (verb: ExpenseVerb, word: String)?
        for verb in verbs {
            for word in localizer.words("expenses.verb.\(verb.rawValue)", language)
            where word.count > (found?.word.count ?? 0) && lower.hasPrefix(word) {
                let after = lower.dropFirst(word.count).first
                if after == nil || after == " " || after == ":" || after == "," || after == "#" { found = (verb, word) }
            }
        }
        verb = found?.verb
        let tail = Substring(text.trimmingCharacters(in: .whitespacesAndNewlines)).dropFirst(found?.word.count ?? 0)
        (claimID, rest) = Self.number(in: tail)
    }

    /// A leading claim number (`12`, `#12`, `12.`, `12:`) and the text after it.
    static func number(in text: Substring) -> (Int64?, String) {
        let trimmed = text.drop { $0 == " " || $0 == ":" || $0 == "," || $0 == "#" }
        let digits = trimmed.prefix { $0.isASCII && $0.isNumber }
        guard !digits.isEmpty, digits.count <= 12, let number = Int64(digits) else {
            return (nil, trimmed.trimmingCharacters(in: .whitespacesAndNewlines))
        }
        let rest = trimmed.dropFirst(digits.count).drop { $0 == "." || $0 == ":" || $0 == "," || $0 == " " }
        return (number, rest.trimmingCharacters(in: .whitespacesAndNewlines))
    }

    /// The text of the message that completed the flow (the flow's trigger word included).
    public static func sourceText(messageID: Int64?, connection: Connection) throws -> String {
        guard let messageID else { return "" }
        return try InboundRepository(connection).body(id: messageID) ?? ""
    }
}

import Foundation

/// Turns a participant's typed answer into a typed `SlotValue`, or says why it could not.
///
/// Common rules for every type:
/// - surrounding whitespace is ignored, and words are matched case-insensitively (Turkish `İ` folds to `i`);
/// - an empty answer is `error.empty`; an answer longer than `textLimit` (text) or `shortLimit` (all other
///   types) Unicode scalars is `error.too_long` with argument `max`;
/// - no input traps: numbers that overflow are errors, non-ASCII digits are not digits.
///
/// `text` and `list` answers have control characters (NUL etc., but not newlines and tabs) removed; for all
/// other types such characters make the answer invalid. Attachment slots are filled by channels, so typed
/// text is always `error.attachment.missing`.
public enum SlotParser {
    /// Longest accepted `text` answer, in Unicode scalars.
    public static let textLimit = 2000
    /// Longest accepted answer of every type but `text`, in Unicode scalars.
    public static let shortLimit = 200
    /// Most items a `list` answer may have.
    public static let listLimit = 50

    /// Every `SlotError.key` that `parse` and `SlotRule.check` can produce; each locale must translate them all.
    public static let errorKeys: Set<String> = [
        "error.empty", "error.too_long",
        "error.text.min", "error.text.max",
        "error.list.empty", "error.list.too_many", "error.list.min", "error.list.max",
        "error.yesno.invalid",
        "error.integer.invalid", "error.integer.scale", "error.integer.min", "error.integer.max",
        "error.integer.several",
        "error.choice.invalid", "error.choices.invalid",
        "error.date.invalid", "error.date.future", "error.date.past", "error.date.min", "error.date.max",
        "error.time.invalid", "error.time.min", "error.time.max", "error.time.duration",
        "error.duration.invalid", "error.duration.range", "error.duration.vague", "error.duration.min", "error.duration.max",
        "error.money.invalid", "error.money.several", "error.money.zero", "error.money.currency",
        "error.money.currency_missing", "error.money.currency_mismatch", "error.money.min", "error.money.max",
        "error.attachment.missing", "error.attachment.min", "error.attachment.max", "error.attachment.type",
    ]

    /// Parses `text` as an answer of `type`.
    /// - Returns: the value, or a `SlotError` whose key names the locale text explaining what was wrong.
    public static func parse(
        _ text: String, as type: SlotType, in context: SlotParseContext
    ) -> Result<SlotValue, SlotError> {
        if type == .attachment { return .failure(SlotError("error.attachment.missing")) }
        let cleaned = type == .text || type == .list ? SlotInput.removingControlCharacters(text) : text
        let trimmed = cleaned.trimmed(Trim.whitespaceOrNewline)
        guard !trimmed.isEmpty else { return .failure(SlotError("error.empty")) }
        let limit = type == .text ? textLimit : shortLimit
        guard trimmed.unicodeScalars.count <= limit else {
            return .failure(SlotError("error.too_long", ["max": String(limit)]))
        }
        let parsed = parseTrimmed(trimmed, as: type, in: context)
        // "pazartesiydi", "40 dakikalık": read again without the endings that add nothing ("was", "-long"). Its
        // refusal stands unless it only said the answer was unreadable and the second reading says why ("birkaç
        // saatti": too vague).
        guard case .failure(let refusal) = parsed, type != .text, type != .list,
              let plain = context.lexicon.withoutEndings(trimmed) else { return parsed }
        let again = parseTrimmed(plain, as: type, in: context)
        if case .failure(let second) = again, !refusal.isUnreadable(as: type) || second.isUnreadable(as: type) {
            return parsed
        }
        return again
    }

    /// ``parse(_:as:in:)`` of a trimmed answer within its length limit.
    private static func parseTrimmed(
        _ trimmed: String, as type: SlotType, in context: SlotParseContext
    ) -> Result<SlotValue, SlotError> {
        switch type {
        case .text: return .success(.text(trimmed))
        case .list: return ListParser.parse(trimmed, lexicon: context.lexicon)
        case .yesno: return YesNoParser.parse(trimmed, lexicon: context.lexicon)
        case .integer: return IntegerParser.parse(trimmed, in: context)
        case .choice:
            return ChoiceParser.parse(
                trimmed, options: context.options, lexicon: context.lexicon, numbered: context.numbered)
        case .choices: return ChoiceParser.parseSeveral(trimmed, options: context.options, lexicon: context.lexicon)
        case .date: return DateParser.parse(trimmed, in: context)
        case .time: return TimeParser.parse(trimmed, in: context)
        case .duration: return DurationParser.parse(trimmed, in: context)
        case .money: return MoneyParser.parse(trimmed, in: context)
        case .attachment: return .failure(SlotError("error.attachment.missing"))
        }
    }
}

/// Helpers shared by the slot parsers.
enum SlotInput {
    /// Lower-cases for matching. The Turkish capital `İ` becomes a plain `i` (not `i` + combining dot).
    static func fold(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: { $0 == "\u{130}" || $0 == "\u{307}" }) else {
            return text.lowercased()
        }
        var scalars = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if scalar == "\u{130}" {
                scalars.append("i")
            } else if scalar == "\u{307}", scalars.last == "I" {  // "İ" written as I + combining dot above
                scalars.removeLast()
                scalars.append("i")
            } else {
                scalars.append(scalar)
            }
        }
        return String(scalars).lowercased()
    }

    /// Removes control characters except newline, carriage return and tab.
    static func removingControlCharacters(_ text: String) -> String {
        var scalars = String.UnicodeScalarView()
        for scalar in text.unicodeScalars
        where scalar.properties.generalCategory != .control || "\n\r\t".unicodeScalars.contains(scalar) {
            scalars.append(scalar)
        }
        return String(scalars)
    }

    /// ASCII white space, as `Character.isWhitespace` reads it: tab, line feed, vertical tab, form feed, carriage
    /// return and space.
    static func isWhitespace(_ byte: UInt8) -> Bool { byte == 0x20 || (0x09...0x0D).contains(byte) }
    /// An ASCII digit.
    static func isDigit(_ byte: UInt8) -> Bool { (0x30...0x39).contains(byte) }
    /// An ASCII letter, either case.
    static func isLetter(_ byte: UInt8) -> Bool { (0x61...0x7A).contains(byte | 0x20) }

    /// The value of an ASCII digit; nil for anything else (including digits of other scripts).
    static func digit(_ character: Character) -> Int? {
        guard let ascii = character.asciiValue, (48...57).contains(ascii) else { return nil }
        return Int(ascii - 48)
    }

    static func isDigits<S: StringProtocol>(_ text: S) -> Bool {
        !text.isEmpty && text.allSatisfy { digit($0) != nil }
    }

    /// The value of a run of ASCII digits with at most `maxDigits` digits (so it cannot overflow).
    static func number<S: StringProtocol>(_ text: S, maxDigits: Int = 9) -> Int? {
        guard isDigits(text), text.count <= maxDigits else { return nil }
        return text.reduce(0) { $0 * 10 + (digit($1) ?? 0) }
    }

    /// `word` is one of `words`, also when written with a trailing dot ("пон.") or a Turkish suffix after an
    /// apostrophe ("pazartesi'ye", "mart’ta").
    static func matches(_ word: String, _ words: [String]) -> Bool {
        words.contains(word) || words.contains(bare(word))
    }

    /// How many of `words`, from the first, `phrase` (words joined by spaces: "ya da") spans; nil when they do not
    /// begin with it.
    static func phraseLength(_ phrase: String, in words: [String]) -> Int? {
        let parts = phrase.split(separator: " ")
        guard !parts.isEmpty, parts.count <= words.count else { return nil }
        return zip(parts, words).allSatisfy { $0 == $1 } ? parts.count : nil
    }

    /// How `word` reads with a letter held for emphasis written as meant ("yesss", "yess" → "yes"; "tabiiii" →
    /// "tabii", then "tabi"): runs of three or more as two, then every run as one. Empty when no letter repeats.
    static func withoutHeldLetters(_ word: String) -> [String] {
        var runs: [(letter: Character, count: Int)] = []
        for character in word {
            if let last = runs.last, last.letter == character {
                runs[runs.count - 1].count += 1
            } else {
                runs.append((character, 1))
            }
        }
        guard runs.contains(where: { $0.count >= 2 }) else { return [] }
        let twice = String(runs.flatMap { repeatElement($0.letter, count: min($0.count, 2)) })
        let once = String(runs.map(\.letter))
        return twice == word || twice == once ? [once] : [twice, once]
    }

    /// `word` without trailing dots and without an apostrophe suffix.
    static func bare(_ word: String) -> String {
        // Most words have neither: no copy then (this runs for every word a lexicon is asked about).
        // (0xE2 leads the UTF-8 of "’", and of other punctuation: those take the longer way, to the same result.)
        guard word.utf8.last == UInt8(ascii: ".") || word.utf8.contains(where: { $0 == 0x27 || $0 == 0xE2 }) else {
            return word
        }
        var result = Substring(word)
        if let apostrophe = result.firstIndex(where: { $0 == "'" || $0 == "’" }) {
            result = result[..<apostrophe]
        }
        while result.last == "." { result = result.dropLast() }
        return String(result)
    }

    /// Removes `marker` from the start or the end of `text` when it stands apart from letters there
    /// ("2pm", "2 pm", "öö 2"). Returns the rest, trimmed, or nil when `marker` is not there.
    static func removing(marker: String, from text: String) -> String? {
        guard !marker.isEmpty else { return nil }
        // Character by character (canonically equivalent text matches, as with Foundation's `range(of:)`).
        if text.hasSuffix(marker) {
            let before = text.dropLast(marker.count)
            if before.last.map({ !$0.isLetter }) ?? true { return before.trimmed(Trim.whitespace) }
        }
        if text.hasPrefix(marker) {
            let after = text.dropFirst(marker.count)
            if after.first.map({ !$0.isLetter }) ?? true { return after.trimmed(Trim.whitespace) }
        }
        return nil
    }
}

/// A piece of an answer: a run of ASCII digits, a run of letters, or one other character.
struct SlotToken: Sendable, Hashable {
    enum Kind: Sendable, Hashable { case number, word, symbol }

    let kind: Kind
    let text: String
    /// Whitespace came right before this token.
    let spaced: Bool

    /// Splits `text` at whitespace and wherever digits meet letters ("1h30" → 1, h, 30).
    static func split(_ text: String) -> [SlotToken] {
        text.utf8.allSatisfy({ $0 < 0x80 }) ? splitASCII(text) : splitCharacters(text)
    }

    /// ``split(_:)`` of ASCII text, a byte at a time: what reading it character by character gives, without the
    /// grapheme breaking (a flow's first message is parsed as a date, a time and a length at every window, issue 17).
    static func splitASCII(_ text: String) -> [SlotToken] {
        split(Array(text.utf8), isWhitespace: SlotInput.isWhitespace, text: { String(decoding: $0, as: UTF8.self) }) {
            SlotInput.isDigit($0) ? .number : SlotInput.isLetter($0) ? .word : .symbol
        }
    }

    /// ``split(_:)`` character by character, for any text.
    static func splitCharacters(_ text: String) -> [SlotToken] {
        split(Array(text), isWhitespace: \.isWhitespace, text: { String($0) }) {
            SlotInput.digit($0) != nil ? .number : $0.isLetter ? .word : .symbol
        }
    }

    /// The tokens of a text's units (bytes or characters): runs of one kind, split at white space; each symbol alone.
    private static func split<Unit>(
        _ units: [Unit], isWhitespace: (Unit) -> Bool, text: ([Unit]) -> String, kind kindOf: (Unit) -> Kind
    ) -> [SlotToken] {
        var tokens: [SlotToken] = []
        var current: [Unit] = []
        var kind = Kind.symbol
        var spaced = false
        var pendingSpace = false
        func flush() {
            if !current.isEmpty { tokens.append(SlotToken(kind: kind, text: text(current), spaced: spaced)) }
            current.removeAll(keepingCapacity: true)
        }
        for unit in units {
            if isWhitespace(unit) {
                flush()
                pendingSpace = true
                continue
            }
            let next = kindOf(unit)
            if current.isEmpty || next != kind || next == .symbol {
                flush()
                kind = next
                spaced = pendingSpace
                pendingSpace = false
            }
            current.append(unit)
        }
        flush()
        return tokens
    }
}

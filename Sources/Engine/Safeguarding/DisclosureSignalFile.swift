import Foundation

/// Reads one `Dialogs/safeguarding/LANGUAGE.signals` file (format in `Dialogs/README.md`) into signals and harmless
/// look-alikes, with `FILE:LINE` errors:
///
/// ```
/// words victim: me, him, her, my mum          # a named list; entries may be several words
/// signal abuse: {hurt} {victim}               # a disclosure of this kind
/// harmless: beat* {victim} at                 # looks like one, is not ("my brother beats me at chess")
/// clause: and, but, because                   # words that start a clause: a harmless look-alike holds within one
/// ```
struct DisclosureSignalFile {
    /// One `signal KIND: PATTERN` line.
    struct Signal: Sendable {
        let kind: String
        let pattern: DisclosurePattern<DisclosureWord>
        let line: Int
    }

    let path: String
    /// The language the file is for: its name without `.signals`.
    let language: String
    var signals: [Signal] = []
    var harmless: [DisclosurePattern<DisclosureWord>] = []
    /// Words that start a new clause (folded): a harmless look-alike is looked for within one clause only.
    var clauseWords: [String] = []

    /// Parses `text`; every problem is returned, not only the first.
    static func parse(_ text: String, path: String) -> (DisclosureSignalFile, [FlowFileError]) {
        let name = (path as NSString).lastPathComponent
        var file = DisclosureSignalFile(path: path, language: String(name.prefix { $0 != "." }))
        var errors: [FlowFileError] = []
        func fail(_ line: Int, _ message: String) {
            errors.append(FlowFileError(file: path, line: line, message: message))
        }

        var lists: [String: (entries: [[DisclosureWord]], line: Int)] = [:]
        // The same words recur in many patterns ("me", "my"): each is read once.
        var known: [String: [DisclosureWord]] = [:]
        var patterns: [(kind: String?, text: String, line: Int)] = []
        for (index, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = index + 1
            let content = String(raw.prefix { $0 != "#" }).trimmed(Trim.whitespace)
            if content.isEmpty { continue }
            guard let colon = content.firstIndex(of: ":") else {
                fail(line, "expected `words NAME: …`, `signal KIND: …`, `harmless: …` or `clause: …`")
                continue
            }
            let head = content[..<colon].split(separator: " ").map(String.init)
            let value = content[content.index(after: colon)...].trimmed(Trim.whitespace)
            guard !value.isEmpty else {
                fail(line, "`\(head.joined(separator: " ")):` needs a value")
                continue
            }
            switch (head.first, head.count) {
            case ("words", 2) where head[1].allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }):
                if let first = lists[head[1]] {
                    fail(line, "list `\(head[1])` already declared on line \(first.line)")
                    continue
                }
                do throws(DisclosurePatternError) {
                    var entries: [[DisclosureWord]] = []
                    for entry in value.split(separator: ",", omittingEmptySubsequences: false) {
                        let words = try run(entry, &known)
                        guard !words.isEmpty else { throw DisclosurePatternError("an empty entry (check the commas)") }
                        entries.append(words)
                    }
                    lists[head[1]] = (entries, line)
                } catch { fail(line, error.message) }
            case ("signal", 2) where FlowFileParser.isIdentifier(head[1]):
                patterns.append((head[1], value, line))
            case ("harmless", 1):
                patterns.append((nil, value, line))
            case ("clause", 1):
                for entry in value.split(separator: ",") {
                    let words = DisclosureText.words(String(entry))
                    guard words.count == 1, let word = words.first else {
                        fail(line, "`clause:` takes single words separated by commas")
                        break
                    }
                    file.clauseWords.append(word.plain)
                }
            default:
                fail(line, "expected `words NAME: …`, `signal KIND: …`, `harmless: …` or `clause: …` (NAME: letters, "
                    + "digits, _; KIND: a-z, digits, _)")
            }
        }
        var used: Set<String> = []
        let entries = lists.mapValues(\.entries)
        for (kind, text, line) in patterns {
            do throws(DisclosurePatternError) {
                let pattern = try self.pattern(text, lists: entries, used: &used, &known)
                if let kind {
                    file.signals.append(Signal(kind: kind, pattern: pattern, line: line))
                } else {
                    file.harmless.append(pattern)
                }
            } catch { fail(line, error.message) }
        }
        for (name, list) in lists where !used.contains(name) { fail(list.line, "list `\(name)` is never used") }
        return (file, errors)
    }

    // MARK: - Patterns

    private static func pattern(
        _ text: String, lists: [String: [[DisclosureWord]]], used: inout Set<String>,
        _ known: inout [String: [DisclosureWord]]
    ) throws(DisclosurePatternError) -> DisclosurePattern<DisclosureWord>
    {
        var phrases: [DisclosurePattern<DisclosureWord>.Phrase] = []
        for part in text.split(separator: "+", omittingEmptySubsequences: false) {
            var elements: [DisclosurePattern<DisclosureWord>.Element] = []
            var farBefore: [Bool] = []
            var far = false
            for item in try items(String(part)) {
                if item == "..." {
                    guard !elements.isEmpty, !far else { throw DisclosurePatternError("`...` stands between words") }
                    far = true
                    continue
                }
                let alternatives = try self.alternatives(item, lists: lists, used: &used, &known)
                elements.append(.init(alternatives: alternatives))
                farBefore.append(far)
                far = false
            }
            guard !elements.isEmpty else { throw DisclosurePatternError("an empty part (check the `+`)") }
            guard !far else { throw DisclosurePatternError("`...` stands between words") }
            phrases.append(.init(elements: elements, farBefore: farBefore))
        }
        return DisclosurePattern(phrases: phrases)
    }

    /// The runs of words an item stands for: each of its choices (`a|b`), each entry of a `{list}`, each choice of a
    /// group (`(a b|c d)`).
    private static func alternatives(
        _ item: String, lists: [String: [[DisclosureWord]]], used: inout Set<String>,
        _ known: inout [String: [DisclosureWord]]
    ) throws(DisclosurePatternError) -> [[DisclosureWord]] {
        var alternatives: [[DisclosureWord]] = []
        for choice in split(item, at: "|") {
            if choice.hasPrefix("{"), choice.hasSuffix("}") {
                let name = String(choice.dropFirst().dropLast())
                guard let entries = lists[name] else { throw DisclosurePatternError("unknown list `{\(name)}`") }
                used.insert(name)
                alternatives += entries
            } else if choice.hasPrefix("("), choice.hasSuffix(")") {
                for group in choice.dropFirst().dropLast().split(separator: "|", omittingEmptySubsequences: false) {
                    let words = try run(group, &known)
                    guard !words.isEmpty else { throw DisclosurePatternError("an empty choice in `\(item)`") }
                    alternatives.append(words)
                }
            } else {
                alternatives.append(try word(choice, &known))
            }
        }
        return alternatives
    }

    /// The items of a part: `...`, or choices (`hit|hits`), where a choice may be a group of several words each
    /// (`dead|(wasnt born)`, `(on the street|in the park)`).
    private static func items(_ part: String) throws(DisclosurePatternError) -> [String] {
        var depth = 0
        for character in part {
            if character == "(" { depth += 1 }
            if character == ")" { depth -= 1 }
            guard (0...1).contains(depth) else {
                throw DisclosurePatternError("unbalanced `(` `)` (groups do not nest)")
            }
        }
        guard depth == 0 else { throw DisclosurePatternError("`(` without `)`") }
        return split(part, at: " ").filter { !$0.isEmpty }
    }

    /// `text` cut at each `separator` outside parentheses.
    private static func split(_ text: String, at separator: Character) -> [String] {
        var pieces: [String] = []
        var current = ""
        var inGroup = false
        for character in text {
            if character == "(" { inGroup = true }
            if character == ")" { inGroup = false }
            if character == separator, !inGroup {
                pieces.append(current)
                current = ""
            } else {
                current.append(character)
            }
        }
        pieces.append(current)
        return pieces
    }

    /// The words of a list entry or a group's choice, in order.
    private static func run(_ text: Substring, _ known: inout [String: [DisclosureWord]])
        throws(DisclosurePatternError) -> [DisclosureWord]
    {
        var words: [DisclosureWord] = []
        for raw in text.split(separator: " ") { words += try word(String(raw), &known) }
        return words
    }

    /// The bytes of the pattern syntax, never part of a word.
    private static let operatorBytes = Set("*~{}|<>()".utf8)

    /// ``word(_:)``, each way of writing read once (`known`: those read so far).
    private static func word(_ raw: String, _ known: inout [String: [DisclosureWord]])
        throws(DisclosurePatternError) -> [DisclosureWord]
    {
        if let read = known[raw] { return read }
        let read = try word(raw)
        known[raw] = read
        return read
    }

    /// One written word: `<number>`, `word`, `stem*` or `word~`. A word with a hyphen or apostrophe inside is read as
    /// the message would be ("self-harm" is two words).
    private static func word(_ raw: String) throws(DisclosurePatternError) -> [DisclosureWord] {
        if raw == "<number>" { return [DisclosureWord(form: .number, plain: "")] }
        let form: DisclosureWord.Form = raw.hasSuffix("*") ? .stem : raw.hasSuffix("~") ? .typo : .whole
        let body = form == .whole ? raw : String(raw.dropLast())
        guard !body.utf8.contains(where: Self.operatorBytes.contains) else {
            throw DisclosurePatternError(
                "cannot read `\(raw)` (a word, `stem*`, `word~`, `<number>`, `a|b` or `{list}`)")
        }
        let plain = DisclosureText.words(body).map(\.plain)
        guard let last = plain.last else { throw DisclosurePatternError("`\(raw)` has no letters") }
        if form == .stem, last.count < DisclosureWord.shortestStem {
            throw DisclosurePatternError("the stem `\(raw)` is too short: it would match too many words")
        }
        if form == .typo, last.count < DisclosureWord.shortestTypoWord {
            throw DisclosurePatternError("`\(raw)` is too short to allow a typo: it would match other words")
        }
        return plain.enumerated().map { index, text in
            DisclosureWord(form: index == plain.count - 1 ? form : .whole, plain: text)
        }
    }
}

import Engine
import Foundation

/// Finds what a Bulgarian or Turkish reply should not contain: words of the English texts that the language's own
/// texts never use, locale keys, status codes (`no_receipt`), English units after a number (`45 min`, `1 h`) and
/// decimal points (`23.26`, where the language writes `23,26`).
struct EnglishLeftovers {
    /// Words of the English texts not found in the language's texts (lower case).
    let english: Set<String>
    /// Every locale key.
    let keys: Set<String>
    /// Text the fixture itself puts in replies (names of people and programmes), removed before scanning.
    let fixtureText: [String]

    init(localizer: Localizer, language: String, fixtureText: [String]) {
        let words = { (code: String) in
            Set((localizer.entries[code] ?? [:]).values.flatMap { Self.words(in: Self.withoutPlaceholders($0.value)) })
        }
        english = words(Localizer.fallbackLanguage).subtracting(words(language))
        keys = Set(localizer.entries.values.flatMap(\.keys))
        self.fixtureText = fixtureText
    }

    /// What is wrong with one line of a reply, each as a short description; empty when nothing is.
    func problems(in line: String) -> [String] {
        var text = line
        for fixed in fixtureText { text = text.replacingOccurrences(of: fixed, with: " ") }
        text = Self.removing(Self.ignored, from: text)
        var found: [String] = []
        var codes: [String] = []
        let separators = Set("()[]{}„“\"'«»:;,!?—–•·/")
        for token in text.split(whereSeparator: { $0.isWhitespace || separators.contains($0) }) {
            let word = token.trimmingCharacters(in: CharacterSet(charactersIn: ".…*"))
            if keys.contains(word) {
                found.append("untranslated key `\(word)`")
                codes.append(word)
            } else if word.range(of: #"^[a-z]+(_[a-z]+)+$"#, options: .regularExpression) != nil {
                found.append("status code `\(word)`")
                codes.append(word)
            }
        }
        for code in codes { text = text.replacingOccurrences(of: code, with: " ") }
        found += Self.matches(Self.unit, in: text).map { "English unit `\($0)`" }
        found += Self.matches(Self.decimalPoint, in: text).map { "decimal point `\($0)`" }
        found += Self.words(in: text).filter(english.contains).map { "English word `\($0)`" }
        return found
    }

    // MARK: - Patterns

    /// E-mail addresses, file names, IBANs, hashes and locale-independent notations, which are not English.
    private static let ignored = try! NSRegularExpression(pattern: [
        #"\S+@\S+"#, #"\S+\.(pdf|jpe?g|png|ics|md|csv|zip|heic|webp)\b"#,
        #"\b[A-Z]{2}\d{2}( ?[A-Z0-9]{4}){2,8}( ?[A-Z0-9]{1,4})?"#,
        #"\b[0-9a-f]{12}…"#, #"\b(EUR|BGN|TRY|USD|GBP|IBAN|PDF|JPEG|PNG|HEIC|WebP|Tandem|Matrix|ZZ|BG|TR)\b"#,
        #"\b(image|application)/[a-z.+-]+"#,
    ].joined(separator: "|"))
    private static let unit = try! NSRegularExpression(pattern: #"\d\s*(min|h)\b"#)
    private static let decimalPoint = try! NSRegularExpression(pattern: #"(?<![\d.])\d+\.\d+(?![\d.])"#)

    private static func removing(_ pattern: NSRegularExpression, from text: String) -> String {
        pattern.stringByReplacingMatches(
            in: text, range: NSRange(text.startIndex..., in: text), withTemplate: " ")
    }

    private static func matches(_ pattern: NSRegularExpression, in text: String) -> [String] {
        pattern.matches(in: text, range: NSRange(text.startIndex..., in: text)).compactMap {
            Range($0.range, in: text).map { String(text[$0]) }
        }
    }

    /// The words of `text` written only in the letters English uses, lower case ("görüşme" and Cyrillic words
    /// cannot be English).
    static func words(in text: String) -> [String] {
        text.lowercased().split { !$0.isLetter }.filter { $0.allSatisfy(\.isASCII) }.map(String.init)
    }

    private static func withoutPlaceholders(_ text: String) -> String {
        text.replacingOccurrences(of: #"\{[a-z_]+\}"#, with: " ", options: .regularExpression)
    }
}

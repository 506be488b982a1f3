/// `money` answers: an amount with an optional currency before or after it (`€45.50`, `45.50 €`, `45,50 EUR`,
/// `EUR 45.50`, `12 лв.`, `₺100`, `100 TL`).
///
/// The currency is a lexicon word or symbol, or an ISO code from `isoCodes`; other words are
/// `error.money.currency` (argument `currency`, as typed). Without a currency `defaultCurrency` is used (not in
/// strict mode, where a bare number is no amount), and
/// without that `error.money.currency_missing`.
///
/// Separators in the amount are read like this:
/// - spaces (also no-break and thin spaces) and `'` group thousands;
/// - when both `.` and `,` occur, the one that comes last is the decimal separator and occurs once
///   (`1,234.56`, `1.234,56`);
/// - a `.` or `,` occurring more than once groups thousands (`1.234.567`);
/// - a single `.` or `,` followed by exactly three digits groups thousands when the currency has fewer than
///   three decimals and the part before it is 1–3 digits not starting with 0 (`1.500 EUR` = 1500 EUR), since
///   three decimals could not be valid there; otherwise it is the decimal separator (`45,50`, `0,500`).
/// Thousands groups must be 1–3 digits then exactly 3 digits each. More decimals than the currency's ISO 4217
/// exponent, negative amounts, overflow and anything else are `error.money.invalid`; zero is `error.money.zero`; two
/// amounts for one ("12 or 15 EUR") are `error.money.several`. Arithmetic is on integers.
enum MoneyParser {
    /// ISO 4217 codes accepted when typed as letters ("EUR", "usd").
    static let isoCodes: Set<String> = [
        "EUR", "BGN", "TRY", "USD", "GBP", "RON", "CHF", "PLN", "CZK", "HUF", "SEK", "DKK", "NOK", "ISK", "JPY",
        "CAD", "AUD", "NZD", "RSD", "MKD", "ALL", "BAM", "UAH", "MDL", "GEL", "AZN", "CNY", "INR", "KWD",
    ]

    static let groupSeparators: Set<Character> = [" ", "\u{00A0}", "\u{202F}", "\u{2009}", "'", "’"]

    static func parse(_ text: String, in context: SlotParseContext) -> Result<SlotValue, SlotError> {
        let parsed = amount(text, in: context)
        if case .failure(let error) = parsed, error.key == "error.money.invalid", isTwoAmounts(text, context) {
            return .failure(SlotError("error.money.several"))
        }
        return parsed
    }

    /// Whether `text` is two amounts joined by a dash, a word for "to", "or" or "and" ("12-15 EUR", "12 or 15 €",
    /// "20€ and 5€ tip" without the tip, "12 ya da 15 TL"): which one is meant is asked, never one of them taken.
    static func isTwoAmounts(_ text: String, _ context: SlotParseContext) -> Bool {
        let lexicon = context.lexicon
        let words = text.split(whereSeparator: \.isWhitespace).map(String.init)
        let joins = lexicon.rangeTo + lexicon.or + lexicon.and
        var split: (ArraySlice<String>, ArraySlice<String>)?
        for index in words.indices.dropFirst() {
            let lowered = words[index...].map { $0.lowercased() }
            if let length = joins.lazy.compactMap({ SlotInput.phraseLength($0, in: lowered) }).max()
                ?? (["-", "–", "—"].contains(words[index]) ? 1 : nil) {
                split = (words[..<index], words[(index + length)...])
                break
            }
        }
        if split == nil, words.count == 1 || words.count == 2,
           let dash = words[0].dropFirst().firstIndex(where: { "-–—".contains($0) }) {
            // "12-15", "12-15 EUR" in one word.
            let left = String(words[0][..<dash]), right = String(words[0][words[0].index(after: dash)...])
            split = ([left], [right] + words.dropFirst())
        }
        guard let (left, right) = split, !left.isEmpty, !right.isEmpty else { return false }
        var loose = context
        loose.strict = false
        loose.defaultCurrency = loose.defaultCurrency ?? "EUR"
        let amounts = [left, right].map { amount($0.joined(separator: " "), in: loose) }
        return amounts.allSatisfy { if case .success = $0 { true } else { false } }
    }

    /// `text` as one amount: what ``parse(_:in:)`` reads.
    private static func amount(_ text: String, in context: SlotParseContext) -> Result<SlotValue, SlotError> {
        let invalid = Result<SlotValue, SlotError>.failure(SlotError("error.money.invalid"))
        guard let first = text.firstIndex(where: { SlotInput.digit($0) != nil }),
              let last = text.lastIndex(where: { SlotInput.digit($0) != nil }) else { return invalid }
        let amount = text[first...last]
        let before = text[..<first].trimmed(Trim.whitespace)
        var after = text[text.index(after: last)...].trimmed(Trim.whitespace)
        if before.isEmpty, after.allSatisfy({ $0 == "." }) { after = "" }  // "45." is 45
        if before.contains(where: { "-−".contains($0) }) { return invalid }
        guard before.isEmpty || after.isEmpty else { return invalid }
        let word = before.isEmpty ? after : before

        let currency: String
        if word.isEmpty {
            // In a longer message a bare number is no amount ("paid 1" is not 1 euro); as an answer it is.
            guard !context.strict, let fallback = context.defaultCurrency else {
                return .failure(SlotError("error.money.currency_missing"))
            }
            currency = fallback
        } else {
            guard word.unicodeScalars.contains(where: {
                $0.properties.isAlphabetic || $0.properties.generalCategory == .currencySymbol
            }) else { return invalid }
            guard let code = self.currency(word, lexicon: context.lexicon) else {
                return .failure(SlotError("error.money.currency", ["currency": word]))
            }
            currency = code
        }
        guard let minorUnits = minorUnits(amount, exponent: Money.exponent(of: currency)) else { return invalid }
        // Nobody claims, pays or budgets nothing: a zero amount is a slip of the keyboard.
        guard minorUnits > 0 else { return .failure(SlotError("error.money.zero")) }
        return .success(.money(Money(minorUnits: minorUnits, currency: currency)))
    }

    /// The ISO code a currency word or symbol stands for, or nil.
    static func currency(_ word: String, lexicon: Lexicon) -> String? {
        let folded = SlotInput.fold(word)
        if let code = lexicon.currencies[folded] ?? lexicon.currencies[SlotInput.bare(folded)] { return code }
        let upper = folded.uppercased()
        return isoCodes.contains(upper) ? upper : nil
    }

    /// Exact minor units of `amount` (digits and separators, starting and ending with a digit).
    static func minorUnits(_ amount: Substring, exponent: Int) -> Int64? {
        var groups: [Substring] = []
        var separators: [Character] = []
        var start = amount.startIndex
        for index in amount.indices where SlotInput.digit(amount[index]) == nil {
            let separator = amount[index]
            guard separator == "." || separator == "," || groupSeparators.contains(separator) else { return nil }
            groups.append(amount[start..<index])
            separators.append(groupSeparators.contains(separator) ? " " : separator)
            start = amount.index(after: index)
        }
        groups.append(amount[start...])
        guard groups.allSatisfy({ SlotInput.isDigits($0) }) else { return nil }

        let marks = separators.filter { $0 != " " }
        let decimal: Character?
        if Set(marks).count == 2 {
            decimal = marks.last
        } else if marks.count == 1, let mark = marks.first {
            let isThousands = exponent < 3 && groups.last?.count == 3 && separators.last == mark
                && separators.count == 1 && groups[0].count <= 3 && groups[0].first != "0"
            decimal = isThousands ? nil : mark
        } else {
            decimal = nil
        }

        var fraction: Substring = ""
        var wholeGroups = groups
        if let decimal {
            // The decimal separator must be the last separator and occur once.
            guard separators.last == decimal, separators.filter({ $0 == decimal }).count == 1 else { return nil }
            fraction = wholeGroups.removeLast()
        }
        for (position, group) in wholeGroups.enumerated() {
            let fits = position == 0 ? (wholeGroups.count == 1 || group.count <= 3) : group.count == 3
            guard fits else { return nil }
        }
        guard fraction.count <= exponent else { return nil }

        var result: Int64 = 0
        let digits = wholeGroups.joined() + fraction + String(repeating: "0", count: exponent - fraction.count)
        for character in digits {
            let (times10, overflowA) = result.multipliedReportingOverflow(by: 10)
            let (sum, overflowB) = times10.addingReportingOverflow(Int64(SlotInput.digit(character) ?? 0))
            guard !overflowA, !overflowB else { return nil }
            result = sum
        }
        return result
    }
}

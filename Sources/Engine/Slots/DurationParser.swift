import Foundation

/// `duration` answers, in whole minutes. Accepted forms (case-insensitive, units from the lexicon):
/// - an amount with an hour or minute unit, with or without a space: `45 min`, `45min`, `45m`, `90 minutes`,
///   `2 hours`, `1 час`, `2 часа`, `45 мин`, `45 dk`, `1 saat`;
/// - hours then minutes: `1h30`, `1h 30m`, `1 h 30 min`, `1 saat 30 dakika`, `2 часа и 30 минути`;
/// - decimal hours with `.` or `,`: `1.5h`, `1,5 h` (the result must still be whole minutes);
/// - `h:mm`: `1:30`, `0:45`;
/// - not in strict mode, a bare number of minutes: `45`.
///
/// Two lengths for one ("2-3 hours", "2 or 3 h", "between 1 and 2 hours"; without a unit only when not strict) are
/// `error.duration.range`: which one is meant is asked. Zero, negative, fractional minutes and anything else are
/// `error.duration.invalid`.
enum DurationParser {
    /// One number of an answer: whole part and fraction digits (`1.5` → 1, "5").
    struct Amount {
        let whole: Int
        let fraction: String

        /// Exactly `whole.fraction × factor`, or nil when that is not a whole number.
        func times(_ factor: Int) -> Int? {
            guard let scaled = SlotInput.number("\(whole)\(fraction)", maxDigits: 12) else { return nil }
            var divisor = 1
            for _ in fraction { divisor *= 10 }
            let product = scaled * factor
            return product % divisor == 0 ? product / divisor : nil
        }
    }

    enum Unit { case hours, minutes }

    static func parse(_ text: String, in context: SlotParseContext) -> Result<SlotValue, SlotError> {
        let spelled = spelledOut(text, lexicon: context.lexicon)
        guard let minutes = minutes(in: spelled, context: context), minutes > 0 else {
            let key = isRange(spelled, context) ? "error.duration.range"
                : isVague(text, context.lexicon) ? "error.duration.vague" : "error.duration.invalid"
            return .failure(SlotError(key))
        }
        return .success(.duration(minutes: minutes))
    }

    /// The answer in digits, from the words of the lexicon, without approximations and fillers: "about an hour
    /// and a half" → "1.5 hour", "half an hour" → "0.5 hour", "три четвърти час" → "0.75 час", "bir buçuk saat" →
    /// "1.5 saat", "час" → "1 час". A word for "or" is a dash, as in a range ("2 ya da 3 saat" → "2 - 3 saat"): the
    /// "da" of "ya da" is no filler there.
    static func spelledOut(_ text: String, lexicon: Lexicon) -> String {
        let indexes = lexicon.indexes
        let words = wordsOfValue(text, lexicon)
        var out: [String] = []
        /// The value of the last word written when it is a number.
        func lastNumber() -> Double? {
            out.last.flatMap { Double($0.replacingOccurrences(of: ",", with: ".")) }
        }
        func format(_ value: Double) -> String {
            value == value.rounded() ? String(Int(value)) : String(value)
        }
        var index = 0
        while index < words.count {
            if let length = indexes.andAHalf.longest(in: words, at: index) {
                index += length
                if let number = lastNumber() {
                    out[out.count - 1] = format(number + 0.5)
                } else if let unit = out.last, lexicon.isUnit(unit) {
                    let before = out.count >= 2 ? Double(out[out.count - 2]) : nil
                    if let before {
                        out[out.count - 2] = format(before + 0.5)
                    } else {
                        out.insert("1.5", at: out.count - 1)
                    }
                }
                continue
            }
            let fraction: Double? = indexes.half.longest(in: words, at: index) != nil ? 0.5
                : indexes.quarter.longest(in: words, at: index) != nil ? 0.25 : nil
            if let fraction {
                index += 1
                let count = lastNumber()
                if count != nil { out.removeLast() }
                out.append(format((count ?? 1) * fraction))
                // "half an hour", "a quarter of an hour": the article belongs to the unit.
                if index < words.count, lexicon.numbers[words[index]] == 1 || lexicon.article.contains(words[index]) {
                    index += 1
                }
                continue
            }
            // A number first: "a couple" is two, where "a" alone is one.
            if let length = indexes.numbers.longest(in: words, at: index),
               let value = lexicon.numbers[words[index..<(index + length)].joined(separator: " ")] {
                out.append(String(value))
                index += length
                continue
            }
            if lexicon.article.contains(words[index]) {
                out.append("1")
                index += 1
                continue
            }
            let word = words[index]
            // A bare unit is one hour ("час", "an hour"), but not before a number: "saat 3" is three o'clock; nor
            // after a vague count: "birkaç saat" is a few hours.
            let next = index + 1
            let beforeNumber = next < words.count
                && (words[next].first?.isNumber ?? false || indexes.numbers.longest(in: words, at: next) != nil)
            let counted = out.last.map { $0.first?.isNumber == true || lexicon.vagueQuantity.contains($0) } ?? false
            if SlotInput.matches(word, lexicon.anHour), !counted, !beforeNumber {
                out.append("1")
            }
            out.append(word)
            index += 1
        }
        return out.joined(separator: " ")
    }

    /// Whether `text`, spelled out (a word for "or" a dash), is two lengths joined by a dash, a word of
    /// ``Lexicon/rangeTo`` or "and" (or by nothing, the second the larger: "2 3 saat"), either with a unit, or
    /// neither when not strict: "2-3 hours", "1.5 to 2 h", "between 2 and 3 hours", "an hour or two", "45 min to
    /// 1 hour", "2 или 3 часа", "2 ya da 3 saat", "45-60". After a unit, "and" joins hours and minutes: "1 hour and
    /// 30 minutes" is one length.
    static func isRange(_ text: String, _ context: SlotParseContext) -> Bool {
        let lexicon = context.lexicon
        var tokens = SlotToken.split(text)[...]
        if let first = tokens.first, lexicon.rangeFrom.contains(first.text) { tokens = tokens.dropFirst() }
        /// Drops a number ("2", "1.5", "1,5") from the front of `tokens` and gives its value; nil when none is there.
        func amount() -> Double? {
            guard let whole = tokens.first, whole.kind == .number else { return nil }
            tokens = tokens.dropFirst()
            var digits = whole.text
            if tokens.count >= 2, let point = tokens.first, [".", ","].contains(point.text), !point.spaced,
               let decimals = tokens.dropFirst().first, decimals.kind == .number, !decimals.spaced {
                digits += "." + decimals.text
                tokens = tokens.dropFirst(2)
            }
            return Double(digits) ?? .infinity
        }
        guard let low = amount() else { return false }
        /// Drops a unit (with its abbreviation's dot) from the front of `tokens`; false when none is there.
        func dropUnit() -> Bool {
            guard let word = tokens.first, unit(of: word, lexicon) != nil else { return false }
            tokens = tokens.dropFirst()
            if tokens.first?.text == ".", !(tokens.first?.spaced ?? true) { tokens = tokens.dropFirst() }
            return true
        }
        // "an hour or two", "45 min to 1 hour": the first may have a unit, but then "and" joins hours and minutes.
        let firstUnit = dropUnit()
        let words = tokens.map(\.text)
        let separators = lexicon.rangeTo + (firstUnit ? [] : lexicon.and)
        // "2 3 saat", "iki üç saat": two numbers side by side, the second the larger, are a range too.
        let separator = ["-", "–", "—"].contains(words.first ?? "") ? 1
            : separators.lazy.compactMap({ SlotInput.phraseLength($0, in: words) }).max()
        tokens = tokens.dropFirst(separator ?? 0)
        guard let high = amount(), separator != nil || (high > low && !firstUnit) else { return false }
        let secondUnit = dropUnit()
        return tokens.isEmpty && (firstUnit || secondUnit || !context.strict)
    }

    /// Whether `text` counts hours or minutes without a number: "a few hours", "for hours", "birkaç saat",
    /// "няколко часа" (a vague count and a unit, or hours without one). Asked as roughly how long.
    static func isVague(_ text: String, _ lexicon: Lexicon) -> Bool {
        let indexes = lexicon.indexes
        let words = SlotInput.words(text, dropping: indexes.valueDrops)
        var counted = false, unit = false, hours = false
        var index = 0
        while index < words.count {
            if let length = indexes.vagueQuantity.longest(in: words, at: index) {
                counted = true
                index += length
                continue
            }
            let word = words[index]
            index += 1
            // A number, or a word that alone is one hour and not counted ("saat", not "birkaç saat"), is a length
            // to read, not a vague one.
            let counts = word.contains(where: \.isNumber) || lexicon.numbers[word] != nil
            if counts || (!counted && SlotInput.matches(word, lexicon.anHour)) { return false }
            if lexicon.isUnit(word) {
                unit = true
                hours = hours || (word.count >= 3 && SlotInput.matches(word, lexicon.hourUnits))
            }
        }
        return (counted && unit) || hours
    }

    /// Whether `token` is a word for hours or minutes.
    private static func unit(of token: SlotToken, _ lexicon: Lexicon) -> Unit? {
        token.kind == .word ? lexicon.lengthUnit(token.text) : nil
    }

    /// The words of `text` without approximations and fillers, each word for "or" a dash, and two number words, or
    /// an hour and a number, joined by one apart ("два-три" → "два", "-", "три"; "час-два": an hour or two).
    private static func wordsOfValue(_ text: String, _ lexicon: Lexicon) -> [String] {
        let indexes = lexicon.indexes
        let all = SlotInput.words(text, dropping: nil).map { SlotInput.droppingGluedPhrase($0, indexes.valueDrops) }
        var words: [String] = []
        words.reserveCapacity(all.count)
        var index = 0
        while index < all.count {
            if let length = indexes.alternatives.longest(in: all, at: index) {
                words.append("-")
                index += length
            } else if let length = indexes.valueDrops.longest(in: all, at: index) {
                index += length
            } else {
                let word = all[index]
                if word.utf8.contains(UInt8(ascii: "-")), lexicon.numbers[word] == nil,
                   case let parts = word.split(separator: "-", maxSplits: 1).map(String.init), parts.count == 2,
                   lexicon.numbers[parts[0]] != nil || SlotInput.matches(parts[0], lexicon.anHour),
                   lexicon.numbers[parts[1]] != nil {
                    words += [parts[0], "-", parts[1]]
                } else {
                    words.append(word)
                }
                index += 1
            }
        }
        return words
    }

    static func minutes(in text: String, context: SlotParseContext) -> Int? {
        let lexicon = context.lexicon
        func unit(of token: SlotToken) -> Unit? { Self.unit(of: token, lexicon) }
        let words = SlotToken.split(text).filter { !lexicon.and.contains($0.text) }
        // A dot after a unit is an abbreviation ("мин."), not a decimal point.
        let tokens = words.enumerated().filter { index, token in
            !(token.text == "." && index > 0 && unit(of: words[index - 1]) != nil)
        }.map(\.element)

        // h:mm, optionally followed by an hour unit ("1:30 h").
        if tokens.count >= 3, tokens[0].kind == .number, tokens[1].text == ":", tokens[2].kind == .number,
           tokens.count == 3 || (tokens.count == 4 && unit(of: tokens[3]) == .hours) {
            guard let hours = SlotInput.number(tokens[0].text, maxDigits: 6), tokens[2].text.count == 2,
                  let minutes = SlotInput.number(tokens[2].text, maxDigits: 2), minutes < 60 else { return nil }
            return hours * 60 + minutes
        }

        var parts: [(amount: Amount, unit: Unit?)] = []
        var index = 0
        while index < tokens.count {
            guard tokens[index].kind == .number, let whole = SlotInput.number(tokens[index].text, maxDigits: 6)
            else { return nil }
            var fraction = ""
            if index + 2 < tokens.count, [".", ","].contains(tokens[index + 1].text), !tokens[index + 1].spaced,
               tokens[index + 2].kind == .number, !tokens[index + 2].spaced {
                fraction = tokens[index + 2].text
                guard fraction.count <= 4 else { return nil }
                index += 2
            }
            index += 1
            var partUnit: Unit?
            if index < tokens.count, tokens[index].kind != .number {
                guard let found = unit(of: tokens[index]) else { return nil }
                partUnit = found
                index += 1
            }
            parts.append((Amount(whole: whole, fraction: fraction), partUnit))
        }

        if parts.count == 1 {
            if parts[0].unit == nil && context.strict { return nil }
            return parts[0].amount.times(parts[0].unit == .hours ? 60 : 1)
        }
        guard parts.count == 2, parts[0].unit == .hours, parts[1].unit != .hours else { return nil }
        // A bare number after hours is minutes ("1h30"), and then it must be below 60.
        guard parts[1].unit == .minutes || parts[1].amount.whole < 60,
              let fromHours = parts[0].amount.times(60), let fromMinutes = parts[1].amount.times(1)
        else { return nil }
        return fromHours + fromMinutes
    }
}

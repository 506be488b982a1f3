/// `integer` answers: an optional `+`/`-` (or `−`) sign and ASCII digits, fitting in `Int`; a number word
/// ("three", "три", "üç"); a rating of the lexicon's `grammar.rating` ("4/5", "4 out of 5", "5 üzerinden 4"); or
/// a phrase of the question's scale ("very useful"). Ranges are checked by `SlotRule.min`/`.max`, not here.
enum IntegerParser {
    static func parse(_ text: String, in context: SlotParseContext) -> Result<SlotValue, SlotError> {
        if case .success(let value) = parse(text) { return .success(value) }
        let lexicon = context.lexicon
        let said = SlotInput.words(text).joined(separator: " ")
        if let value = context.scale[said] ?? lexicon.numbers[said] { return .success(.integer(value)) }
        let words = SlotInput.words(text, dropping: lexicon.approximately)
        let answer = words.joined(separator: " ")
        if let value = lexicon.numbers[answer] ?? context.scale[answer] { return .success(.integer(value)) }
        for pattern in lexicon.rating {
            guard let found = pattern.match(answer, numbers: lexicon.numbers), let value = found["n"] else { continue }
            if let max = found["max"], value > max { continue }
            // "8/10" where the scale goes to 5 is 4: the rating on the scale asked, rounded.
            if let max = found["max"], max > 0, let top = context.scaleEnds?.high.value, max != top {
                return .success(.integer(Int((Double(value * top) / Double(max)).rounded())))
            }
            return .success(.integer(value))
        }
        // "⭐⭐⭐⭐": as many stars as the rating, where a scale is asked.
        let stars = text.filter { !$0.isWhitespace }
        if context.scaleEnds != nil, !stars.isEmpty, stars.allSatisfy(Self.stars.contains) {
            return .success(.integer(stars.count))
        }
        if let number = words.first, words.count == 2, let value = Int(number),
           words[1].allSatisfy({ !$0.isLetter && !$0.isNumber }) {
            return .success(.integer(value))  // "4 👍"
        }
        guard let ends = context.scaleEnds else { return .failure(SlotError("error.integer.invalid")) }
        return .failure(SlotError(SlotError.scaleUnreadable, [
            "min": String(ends.low.value), "max": String(ends.high.value), "low": ends.low.phrase,
            "high": ends.high.phrase,
        ]))
    }

    /// The characters a rating in stars is typed with.
    private static let stars: Set<Character> = ["⭐", "★", "🌟", "*"]

    static func parse(_ text: String) -> Result<SlotValue, SlotError> {
        var digits = Substring(text)
        var negative = false
        if let sign = digits.first, "+-−".contains(sign) {
            negative = sign != "+"
            digits = digits.dropFirst()
        }
        guard SlotInput.isDigits(digits), let magnitude = UInt64(String(digits)) else {
            return .failure(SlotError("error.integer.invalid"))
        }
        // Int.min has no positive counterpart, so the negative side allows one more.
        let limit = negative ? UInt64(Int.max) + 1 : UInt64(Int.max)
        guard magnitude <= limit else { return .failure(SlotError("error.integer.invalid")) }
        let value = negative ? (magnitude == limit ? Int.min : -Int(magnitude)) : Int(magnitude)
        return .success(.integer(value))
    }
}

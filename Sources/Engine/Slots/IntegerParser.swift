/// `integer` answers: an optional `+`/`-` (or `−`) sign and ASCII digits, fitting in `Int`.
/// Ranges are checked by `SlotRule.min`/`.max`, not here.
enum IntegerParser {
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

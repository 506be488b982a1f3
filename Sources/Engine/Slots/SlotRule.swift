/// A validation rule on a slot, written in a flow file below its `ask:` line ("not future", "min 5 min").
public enum SlotRule: Sendable, Hashable {
    /// A date answer may not be after today.
    case notFuture
    /// A date answer may not be before today.
    case notPast
    /// The answer may not be below the bound. For `text`, `list` and `attachment` slots the bound is an
    /// `.integer` length: characters, items or files.
    case min(SlotValue)
    /// The answer may not be above the bound; bounds as for `min`.
    case max(SlotValue)

    /// Checks `value`. Returns nil when it satisfies the rule or the rule does not apply to its type.
    ///
    /// Keys: `error.date.future`, `error.date.past`, `error.<type>.min` (argument `min`) and
    /// `error.<type>.max` (argument `max`), where the argument is `SlotDisplay.text` of the bound, and
    /// `error.money.currency_mismatch` (argument `currency`) for money in another currency than the bound.
    public func check(_ value: SlotValue, today: CalendarDate) -> SlotError? {
        switch self {
        case .notFuture:
            guard case .date(let date) = value, date > today else { return nil }
            return SlotError("error.date.future")
        case .notPast:
            guard case .date(let date) = value, date < today else { return nil }
            return SlotError("error.date.past")
        case .min(let bound):
            return Self.compare(value, with: bound, limit: "min") { $0 < $1 }
        case .max(let bound):
            return Self.compare(value, with: bound, limit: "max") { $0 > $1 }
        }
    }

    /// An error named `error.<type>.<limit>` when `violates(value, bound)` holds for the comparable measures.
    private static func compare(
        _ value: SlotValue, with bound: SlotValue, limit: String, violates: (Int64, Int64) -> Bool
    ) -> SlotError? {
        let measured: (type: String, value: Int64, bound: Int64)
        switch (value, bound) {
        case let (.integer(number), .integer(bound)): measured = ("integer", Int64(number), Int64(bound))
        case let (.text(text), .integer(bound)): measured = ("text", Int64(text.count), Int64(bound))
        case let (.list(items), .integer(bound)): measured = ("list", Int64(items.count), Int64(bound))
        case let (.attachments(files), .integer(bound)): measured = ("attachment", Int64(files.count), Int64(bound))
        case let (.date(date), .date(bound)):
            measured = ("date", Int64(date.daysSinceEpoch), Int64(bound.daysSinceEpoch))
        case let (.time(time), .time(bound)):
            measured = ("time", Int64(time.minutesSinceMidnight), Int64(bound.minutesSinceMidnight))
        case let (.duration(minutes), .duration(bound)): measured = ("duration", Int64(minutes), Int64(bound))
        case let (.money(money), .money(bound)):
            guard money.currency == bound.currency else {
                return SlotError("error.money.currency_mismatch", ["currency": bound.currency])
            }
            measured = ("money", money.minorUnits, bound.minorUnits)
        default:
            return nil
        }
        guard violates(measured.value, measured.bound) else { return nil }
        return SlotError("error.\(measured.type).\(limit)", [limit: SlotDisplay.text(bound)], values: [limit: bound])
    }

    /// Reads a rule line of a flow file: `not future`, `not past` (date slots), `min <bound>`, `max <bound>`.
    ///
    /// The bound is parsed with the slot type's own parser (not strict), e.g. `min 5 min` for a duration,
    /// `max 500 EUR` for money, `max 20:00` for a time; date bounds must be ISO (`min 2026-01-01`); text,
    /// list and attachment bounds are non-negative integers (`max 500`). Returns nil for anything else,
    /// including rules on `choice` and `yesno` slots.
    public static func parse(_ text: String, for type: SlotType, lexicon: Lexicon) -> SlotRule? {
        let words = SlotInput.fold(text).split(whereSeparator: { $0.isWhitespace })
        guard let keyword = words.first else { return nil }
        let rest = words.dropFirst().joined(separator: " ")
        switch (keyword, rest) {
        case ("not", "future") where type == .date: return .notFuture
        case ("not", "past") where type == .date: return .notPast
        case ("min", _): return bound(rest, for: type, lexicon: lexicon).map(SlotRule.min)
        case ("max", _): return bound(rest, for: type, lexicon: lexicon).map(SlotRule.max)
        default: return nil
        }
    }

    private static func bound(_ text: String, for type: SlotType, lexicon: Lexicon) -> SlotValue? {
        switch type {
        case .choice, .yesno:
            return nil
        case .text, .list, .attachment:
            guard let count = SlotInput.number(text, maxDigits: 9) else { return nil }
            return .integer(count)
        case .date:
            return CalendarDate(iso: text).map(SlotValue.date)
        case .integer:
            return try? IntegerParser.parse(text).get()
        case .time, .duration, .money:
            guard let epoch = CalendarDate(year: 2000, month: 1, day: 1) else { return nil }
            let context = SlotParseContext(today: epoch, lexicon: lexicon)
            return try? SlotParser.parse(text, as: type, in: context).get()
        }
    }
}

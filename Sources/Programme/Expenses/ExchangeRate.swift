import Engine

/// How many units of a currency one euro buys, as an exact decimal (`1.95583` BGN), from a given date.
public struct ExchangeRate: Sendable, Hashable {
    /// Most decimals a rate may have.
    public static let maxScale = 9

    public let currency: String
    /// The rate is `digits` / 10^`scale`.
    public let digits: Int64
    public let scale: Int
    public let date: CalendarDate

    /// Reads `1.95583` (digits with at most one `.` or `,`, above zero, at most `maxScale` decimals) for an
    /// ISO 4217 code other than EUR; nil for anything else.
    public init?(currency: String, perEUR text: String, date: CalendarDate) {
        let parts = text.split(separator: text.contains(",") ? "," : ".", omittingEmptySubsequences: false)
        guard currency.count == 3, currency.allSatisfy({ $0.isASCII && $0.isUppercase }), currency != "EUR",
            (1...2).contains(parts.count), parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isASCII) }),
            parts.count == 1 || parts[1].count <= Self.maxScale, parts[0].count <= 9,
            let value = Int64(parts.joined()), value > 0
        else { return nil }
        self.currency = currency
        digits = value
        scale = parts.count == 2 ? parts[1].count : 0
        self.date = date
    }

    /// The rate as decimal text, as it was given (`1.95583`).
    public var perEUR: String {
        let text = String(digits)
        guard scale > 0 else { return text }
        let padded = String(repeating: "0", count: max(0, scale + 1 - text.count)) + text
        return "\(padded.dropLast(scale)).\(padded.suffix(scale))"
    }
}

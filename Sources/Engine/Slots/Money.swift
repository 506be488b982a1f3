/// An exact amount of money in minor units (cents, stotinki, kuruş) of an ISO 4217 currency. Never floating point.
public struct Money: Sendable, Hashable, Codable, CustomStringConvertible {
    public let minorUnits: Int64
    /// ISO 4217 code, upper case (EUR, BGN, TRY, …).
    public let currency: String

    public init(minorUnits: Int64, currency: String) {
        self.minorUnits = minorUnits
        self.currency = currency
    }

    /// Digits after the decimal point for a currency (ISO 4217 exponent).
    public static func exponent(of currency: String) -> Int {
        switch currency {
        case "JPY", "KRW", "ISK", "HUF", "CLP", "VND": return 0
        case "KWD", "BHD", "OMR", "JOD", "TND": return 3
        default: return 2
        }
    }

    /// `45.50 EUR`.
    public var description: String {
        let exp = Money.exponent(of: currency)
        var divisor: Int64 = 1
        for _ in 0..<exp { divisor *= 10 }
        let sign = minorUnits < 0 ? "-" : ""
        let magnitude = minorUnits.magnitude
        let whole = magnitude / UInt64(divisor)
        guard exp > 0 else { return "\(sign)\(whole) \(currency)" }
        let fraction = String(magnitude % UInt64(divisor))
        return "\(sign)\(whole).\(String(repeating: "0", count: exp - fraction.count))\(fraction) \(currency)"
    }
}

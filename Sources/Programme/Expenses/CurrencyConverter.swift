import Engine

/// Converts amounts between EUR and another currency with exact integer arithmetic.
///
/// Rounding rule: the exact quotient is rounded **half up** (away from zero) to the target currency's minor unit,
/// once — the rule Council Regulation (EC) No 1103/97, art. 5, sets for conversions to and from the euro.
/// E.g. 0.05 BGN at 2 per EUR is exactly 0.025 EUR → 0.03 EUR (half-even would give 0.02).
public enum CurrencyConverter {
    /// `money` in `currency`. Same currency: unchanged. Otherwise one side must be EUR and `rate` the other's.
    public static func convert(_ money: Money, to currency: String, rate: ExchangeRate?) throws(ConversionError)
        -> Money
    {
        if money.currency == currency { return money }
        guard money.currency == "EUR" || currency == "EUR" else {
            throw .notViaEuro(from: money.currency, to: currency)
        }
        let other = money.currency == "EUR" ? currency : money.currency
        guard let rate, rate.currency == other else { throw .noRate(currency: other) }
        let source = Int128(money.minorUnits)
        let rateDigits = Int128(rate.digits)
        let fromExponent = Money.exponent(of: money.currency)
        let toExponent = Money.exponent(of: currency)
        // In target minor units: amount / 10^from × 10^to, divided (to EUR) or multiplied (from EUR) by the rate.
        var numerator = source * power(toExponent)
        var denominator = power(fromExponent)
        if currency == "EUR" {
            numerator *= power(rate.scale)
            denominator *= rateDigits
        } else {
            numerator *= rateDigits
            denominator *= power(rate.scale)
        }
        let result = roundHalfUp(numerator, denominator)
        guard let minor = Int64(exactly: result) else { throw .overflow }
        return Money(minorUnits: minor, currency: currency)
    }

    /// `numerator / denominator` rounded half away from zero (`denominator` > 0).
    static func roundHalfUp(_ numerator: Int128, _ denominator: Int128) -> Int128 {
        let quotient = numerator / denominator
        let remainder = numerator % denominator
        guard remainder.magnitude * 2 >= denominator.magnitude else { return quotient }
        return numerator < 0 ? quotient - 1 : quotient + 1
    }

    private static func power(_ exponent: Int) -> Int128 {
        var result: Int128 = 1
        for _ in 0..<exponent { result *= 10 }
        return result
    }
}

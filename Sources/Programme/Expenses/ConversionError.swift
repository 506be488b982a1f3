/// Why an amount could not be converted into a budget's currency.
public enum ConversionError: Error, Sendable, Hashable {
    /// No rate is known for this currency (neither set by the coordinator nor fixed in the template).
    case noRate(currency: String)
    /// Neither currency is EUR: rates are per euro, and two roundings are not done silently.
    case notViaEuro(from: String, to: String)
    /// The result does not fit in 64-bit minor units.
    case overflow
}

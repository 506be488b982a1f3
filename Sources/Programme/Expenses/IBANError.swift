/// Why a text is not a valid IBAN (ISO 13616).
public enum IBANError: Error, Sendable, Hashable {
    /// Something other than letters A–Z, digits and spaces, or a country code / check digits in the wrong place.
    case invalidCharacters
    /// The first two letters are not a country that uses IBANs (in Tandem's table).
    case unknownCountry(String)
    /// The length does not match the country's.
    case wrongLength(country: String, expected: Int, actual: Int)
    /// The mod-97 check failed: a typo somewhere.
    case wrongChecksum
}

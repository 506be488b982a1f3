/// An International Bank Account Number checked as ISO 13616 says: country code, two check digits, then the
/// country's basic bank account number, of the country's exact length, with `number mod 97 == 1`.
public struct IBAN: Sendable, Hashable {
    /// The IBAN without spaces, upper case (`BG80BNBG96611020345678`).
    public let electronic: String

    /// Reads an IBAN as people write it: spaces, dashes and lower case are accepted; an `IBAN` prefix is dropped.
    public init(_ text: String) throws(IBANError) {
        var compact = text.uppercased().filter { $0 != " " && $0 != "-" && $0 != "\u{00A0}" }
        if compact.hasPrefix("IBAN") { compact.removeFirst(4) }
        let characters = Array(compact)
        guard characters.count >= 4, characters.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) }),
            characters[0].isLetter, characters[1].isLetter, characters[2].isNumber, characters[3].isNumber
        else { throw .invalidCharacters }
        let country = String(characters[0...1])
        guard let expected = Self.lengths[country] else { throw .unknownCountry(country) }
        guard characters.count == expected else {
            throw .wrongLength(country: country, expected: expected, actual: characters.count)
        }
        guard Self.mod97(characters[4...] + characters[0..<4]) == 1 else { throw .wrongChecksum }
        electronic = compact
    }

    /// The country code (`BG`).
    public var country: String { String(electronic.prefix(2)) }

    /// Shown back to people and coordinators: the country and check digits, then only the last four characters
    /// (`BG80 **** **** 5678`).
    public var masked: String { "\(electronic.prefix(4)) **** **** \(electronic.suffix(4))" }

    /// The paper format: groups of four (`BG80 BNBG 9661 1020 3456 78`).
    public var printed: String {
        var groups: [String] = []
        var rest = Substring(electronic)
        while !rest.isEmpty {
            groups.append(String(rest.prefix(4)))
            rest = rest.dropFirst(4)
        }
        return groups.joined(separator: " ")
    }

    /// The rearranged IBAN as a number (letters A=10 … Z=35) modulo 97, digit by digit so it never overflows.
    static func mod97<S: Sequence>(_ characters: S) -> Int where S.Element == Character {
        var remainder = 0
        for character in characters {
            let ascii = Int(character.asciiValue ?? 0)
            remainder =
                character.isNumber
                ? (remainder * 10 + ascii - 48) % 97
                : (remainder * 100 + ascii - 55) % 97
        }
        return remainder
    }

    /// IBAN length per country, from the SWIFT IBAN registry.
    public static let lengths: [String: Int] = [
        "AD": 24, "AE": 23, "AL": 28, "AT": 20, "AZ": 28, "BA": 20, "BE": 16, "BG": 22, "BH": 22, "BR": 29,
        "BY": 28, "CH": 21, "CR": 22, "CY": 28, "CZ": 24, "DE": 22, "DK": 18, "DO": 28, "EE": 20, "EG": 29,
        "ES": 24, "FI": 18, "FO": 18, "FR": 27, "GB": 22, "GE": 22, "GI": 23, "GL": 18, "GR": 27, "GT": 28,
        "HR": 21, "HU": 28, "IE": 22, "IL": 23, "IQ": 23, "IS": 26, "IT": 27, "JO": 30, "KW": 30, "KZ": 20,
        "LB": 28, "LC": 32, "LI": 21, "LT": 20, "LU": 20, "LV": 21, "MC": 27, "MD": 24, "ME": 22, "MK": 19,
        "MR": 27, "MT": 31, "MU": 30, "NL": 18, "NO": 15, "PK": 24, "PL": 28, "PS": 29, "PT": 25, "QA": 29,
        "RO": 24, "RS": 22, "SA": 24, "SC": 31, "SE": 24, "SI": 19, "SK": 24, "SM": 27, "ST": 25, "SV": 28,
        "TL": 23, "TN": 24, "TR": 26, "UA": 29, "VA": 22, "VG": 24, "XK": 20,
    ]
}

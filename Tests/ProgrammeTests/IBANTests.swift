import Testing

@testable import Programme

/// ISO 13616: country length table, mod-97 check digits, characters; masking and print format.
struct IBANTests {
    static let valid = [
        "GB82 WEST 1234 5698 7654 32", "DE89 3704 0044 0532 0130 00", "BG80 BNBG 9661 1020 3456 78",
        "FR14 2004 1010 0505 0001 3M02 606", "NL91 ABNA 0417 1643 00", "BE68 5390 0754 7034",
        "TR33 0006 1005 1978 6457 8413 26", "ES91 2100 0418 4502 0005 1332", "IT60 X054 2811 1010 0000 0123 456",
        "CH93 0076 2011 6238 5295 7", "AT61 1904 3002 3457 3201", "NO93 8601 1117 947",
        "PL61 1090 1014 0000 0712 1981 2874", "RO49 AAAA 1B31 0075 9384 0000", "PT50 0002 0123 1234 5678 9015 4",
        "GR16 0110 1250 0000 0001 2300 695", "IE29 AIBK 9311 5212 3456 78", "DK50 0040 0440 1162 43",
        "FI21 1234 5600 0007 85", "SE45 5000 0000 0583 9825 7466",
    ]

    @Test(arguments: valid) func acceptsValidIBANs(_ text: String) throws {
        let iban = try IBAN(text)
        #expect(iban.printed == text)
        #expect(iban.electronic.count == IBAN.lengths[iban.country])
    }

    @Test func readsIBANsAsPeopleWriteThem() throws {
        #expect(try IBAN("iban bg80-bnbg-9661-1020-3456-78").electronic == "BG80BNBG96611020345678")
        #expect(try IBAN("BG80BNBG96611020345678").masked == "BG80 **** **** 5678")
    }

    @Test func knowsAtLeastThirtyCountries() {
        #expect(IBAN.lengths.count >= 30)
    }

    @Test(arguments: [
        "GB82 WEST 1234 5698 7654 33", "DE89 3704 0044 0532 0130 01", "BG81 BNBG 9661 1020 3456 78",
        "NL91 ABNA 0417 1643 01", "FR14 2004 1010 0505 0001 3M02 607",
    ])
    func refusesWrongChecksums(_ text: String) {
        #expect(throws: IBANError.wrongChecksum) { try IBAN(text) }
    }

    @Test func refusesWrongLengths() {
        #expect(throws: IBANError.wrongLength(country: "BG", expected: 22, actual: 21)) {
            try IBAN("BG80 BNBG 9661 1020 3456 7")
        }
        #expect(throws: IBANError.wrongLength(country: "NO", expected: 15, actual: 16)) {
            try IBAN("NO93 8601 1117 9470")
        }
    }

    @Test(arguments: [
        "BG80 BNBG 9661 1020 3456 7!", "8080 BNBG 9661 1020 3456 78", "BGXX BNBG 9661 1020 3456 78", "",
        "BG80 BNBG 9661 1020 3456 7é", "BG",
    ])
    func refusesWrongCharacters(_ text: String) {
        #expect(throws: IBANError.invalidCharacters) { try IBAN(text) }
    }

    @Test func refusesUnknownCountries() {
        #expect(throws: IBANError.unknownCountry("ZZ")) { try IBAN("ZZ80 1234 5678") }
    }
}

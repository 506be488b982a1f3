import Testing
@testable import Engine

struct MoneyParserTests {
    func parse(
        _ text: String, _ lexicon: Lexicon = TestLexicon.english, currency: String? = nil
    ) -> Result<SlotValue, SlotError> {
        SlotParser.parse(text, as: .money, in: TestLexicon.context(lexicon, currency: currency))
    }

    func money(_ minor: Int64, _ currency: String) -> SlotValue {
        .money(Money(minorUnits: minor, currency: currency))
    }

    @Test(arguments: [
        ("€45.50", 4550, "EUR"), ("45.50 €", 4550, "EUR"), ("45,50 EUR", 4550, "EUR"), ("EUR 45.50", 4550, "EUR"),
        ("eur45.50", 4550, "EUR"), ("45.5 euro", 4550, "EUR"), ("45 euros", 4500, "EUR"), ("12.00 BGN", 1200, "BGN"),
        ("$12", 1200, "USD"), ("12 usd", 1200, "USD"), ("£7.5", 750, "GBP"), ("CHF 10", 1000, "CHF"),
        ("1 234,56 EUR", 123_456, "EUR"), ("1\u{00A0}234,56 EUR", 123_456, "EUR"), ("1,234.56 EUR", 123_456, "EUR"),
        ("1.234,56 EUR", 123_456, "EUR"), ("1.234.567,89 EUR", 123_456_789, "EUR"),
        ("1,234,567 EUR", 123_456_700, "EUR"),
        ("1 234 EUR", 123_400, "EUR"), ("1.500 EUR", 150_000, "EUR"), ("1,500 EUR", 150_000, "EUR"),
        ("1234567.89 EUR", 123_456_789, "EUR"), ("0,5 EUR", 50, "EUR"), ("1.500 JPY", 1500, "JPY"),
        ("1500 HUF", 1500, "HUF"), ("1.5 KWD", 1500, "KWD"), ("1.500 KWD", 1500, "KWD"), ("45.", 4500, "EUR"),
        ("92233720368547758.07 EUR", Int64.max, "EUR"), ("45.505 EUR", 4_550_500, "EUR"),
        ("1'234.50 CHF", 123_450, "CHF"),
    ])
    func english(input: String, minor: Int64, currency: String) {
        #expect(parse(input, currency: "EUR").value == money(minor, currency))
    }

    @Test func defaultCurrency() {
        #expect(parse("45.50", currency: "EUR").value == money(4550, "EUR"))
        #expect(parse("45", currency: "BGN").value == money(4500, "BGN"))
        #expect(parse("12 BGN", currency: "EUR").value == money(1200, "BGN"))
    }

    @Test(arguments: [
        ("12 лв", 1200, "BGN"), ("12,5 лв.", 1250, "BGN"), ("12 лева", 1200, "BGN"), ("12 ЛВ", 1200, "BGN"),
        ("1 лев", 100, "BGN"), ("лв 3,20", 320, "BGN"), ("20 евро", 2000, "EUR"), ("20 €", 2000, "EUR"),
        ("45,50 BGN", 4550, "BGN"), ("1 200,00 лв.", 120_000, "BGN"),
    ])
    func bulgarian(input: String, minor: Int64, currency: String) {
        #expect(parse(input, TestLexicon.bulgarian).value == money(minor, currency))
    }

    @Test(arguments: [
        ("100 TL", 10_000, "TRY"), ("₺100", 10_000, "TRY"), ("100 lira", 10_000, "TRY"), ("45,50 tl", 4550, "TRY"),
        ("100 TRY", 10_000, "TRY"), ("20 avro", 2000, "EUR"), ("20 Euro", 2000, "EUR"), ("1.250,75 TL", 125_075, "TRY"),
    ])
    func turkish(input: String, minor: Int64, currency: String) {
        #expect(parse(input, TestLexicon.turkish).value == money(minor, currency))
    }

    @Test func missingCurrency() {
        #expect(parse("45.50").errorKey == "error.money.currency_missing")
        #expect(parse("12", TestLexicon.bulgarian).errorKey == "error.money.currency_missing")
    }

    @Test(arguments: [
        ("45 XYZ", "XYZ"), ("45 foo", "foo"), ("¥45", "¥"), ("€€5", "€€"), ("45 лв", "лв"), ("45 rubles", "rubles"),
        ("45.50 € EUR", "€ EUR"), ("45 dollarz", "dollarz"),
    ])
    func unknownCurrency(input: String, currency: String) {
        #expect(parse(input, currency: "EUR").error == SlotError("error.money.currency", ["currency": currency]))
    }

    @Test(arguments: CommonMalformed.cases)
    func common(input: String, key: String) {
        #expect(parse(input, currency: "EUR").errorKey == key)
    }

    @Test(arguments: [
        "€€", "€", "EUR", "-5 EUR", "-€5", "€-5", "−5 EUR", "0.555 EUR", "45.5555 EUR", "45.50.5 EUR", "1,5 JPY",
        "1e309 EUR", "1e309", "1.2.3,4.5 EUR", "1.234,567.89 EUR", "1,23,456 EUR", "12 34 EUR", "1 234.567 EUR",
        "99999999999999999999 EUR", "92233720368547758.08 EUR", "€45 EUR", ".50 EUR", "45 🙂", "🙂", "\0",
        "45\u{0}5 EUR", "٤٥ EUR", "４５ EUR", "45 EUR 30", "45,,50 EUR", "1.5 HUF", "(45) EUR", "45%", "#45",
    ])
    func malformed(input: String) {
        #expect(parse(input, currency: "EUR").errorKey == "error.money.invalid")
    }

    @Test(arguments: ["-12 лв", "12,5555 лв", "лв", "12..5 лв"])
    func malformedBulgarian(input: String) {
        #expect(parse(input, TestLexicon.bulgarian).errorKey == "error.money.invalid")
    }

    @Test(arguments: ["-100 TL", "₺", "100,5555 TL", "₺₺"])
    func malformedTurkish(input: String) {
        #expect(parse(input, TestLexicon.turkish).errorKey == "error.money.invalid")
    }
}

extension MoneyParserTests {
    @Test(arguments: ["0 EUR", "0,00 €", "€0.00", "0 лв", "0 TL"])
    func zeroIsRefused(_ input: String) {
        #expect(SlotParser.parse(input, as: .money, in: TestLexicon.context(TestLexicon.bulgarian.merged(
            with: TestLexicon.turkish))) == .failure(SlotError("error.money.zero")))
    }
}

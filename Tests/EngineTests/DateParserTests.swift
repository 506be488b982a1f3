import Testing
@testable import Engine

/// Today is Saturday 2026-03-14 in every test.
struct DateParserTests {
    func parse(
        _ text: String, _ lexicon: Lexicon = TestLexicon.english, direction: DateDirection = .past,
        strict: Bool = false
    ) -> Result<SlotValue, SlotError> {
        SlotParser.parse(text, as: .date, in: TestLexicon.context(lexicon, direction: direction, strict: strict))
    }

    @Test(arguments: [
        ("today", "2026-03-14"), ("Yesterday", "2026-03-13"), ("TOMORROW", "2026-03-15"),
        ("saturday", "2026-03-14"), ("friday", "2026-03-13"), ("Monday", "2026-03-09"), ("sun", "2026-03-08"),
        ("wed", "2026-03-11"), ("Thurs", "2026-03-12"),
        ("12 March", "2026-03-12"), ("March 12", "2026-03-12"), ("12 March 2026", "2026-03-12"),
        ("12 Mar", "2026-03-12"), ("12 mar.", "2026-03-12"), ("march 12, 2025", "2025-03-12"),
        ("12th March", "2026-03-12"), ("1st jan", "2026-01-01"), ("20 March", "2025-03-20"),
        ("14 march", "2026-03-14"), ("31 Dec 1999", "1999-12-31"), ("29 feb", "2024-02-29"),
        ("2026-03-12", "2026-03-12"), ("2026/3/12", "2026-03-12"), ("12.03.2026", "2026-03-12"),
        ("12/03/2026", "2026-03-12"), ("12-03-2026", "2026-03-12"), ("12.03.2026.", "2026-03-12"),
        ("12.03", "2026-03-12"), ("12/03", "2026-03-12"), ("12.03.", "2026-03-12"), ("1.3", "2026-03-01"),
        ("15.03", "2025-03-15"), ("29.02", "2024-02-29"), ("1900-01-01", "1900-01-01"),
        ("2100-12-31", "2100-12-31"), ("29.02.2024", "2024-02-29"),
        ("12", "2026-03-12"), ("14", "2026-03-14"), ("20", "2026-02-20"), ("31", "2026-01-31"),
    ])
    func englishPast(input: String, expected: String) {
        #expect(parse(input).value == .date(TestLexicon.day(expected)))
    }

    @Test(arguments: [
        ("saturday", "2026-03-14"), ("Sunday", "2026-03-15"), ("fri", "2026-03-20"), ("monday", "2026-03-16"),
        ("12 March", "2027-03-12"), ("20 March", "2026-03-20"), ("14.03", "2026-03-14"), ("29.02", "2028-02-29"),
        ("12/03", "2027-03-12"), ("31", "2026-03-31"), ("12", "2026-04-12"), ("today", "2026-03-14"),
    ])
    func englishFuture(input: String, expected: String) {
        #expect(parse(input, direction: .future).value == .date(TestLexicon.day(expected)))
    }

    @Test(arguments: [
        ("днес", "2026-03-14"), ("Вчера", "2026-03-13"), ("УТРЕ", "2026-03-15"), ("понеделник", "2026-03-09"),
        ("пон.", "2026-03-09"), ("пн", "2026-03-09"), ("петък", "2026-03-13"), ("СЪБОТА", "2026-03-14"),
        ("неделя", "2026-03-08"), ("12 март", "2026-03-12"), ("12 Март 2026", "2026-03-12"),
        ("12 март 2026 г.", "2026-03-12"), ("12-ти март", "2026-03-12"), ("1 яну", "2026-01-01"),
        ("3 септември 2025", "2025-09-03"), ("yesterday", "2026-03-13"), ("12.03.2026", "2026-03-12"),
    ])
    func bulgarian(input: String, expected: String) {
        #expect(parse(input, TestLexicon.bulgarian).value == .date(TestLexicon.day(expected)))
    }

    @Test(arguments: [
        ("bugün", "2026-03-14"), ("bugun", "2026-03-14"), ("BUGÜN", "2026-03-14"), ("dün", "2026-03-13"),
        ("dun", "2026-03-13"), ("yarın", "2026-03-15"), ("yarin", "2026-03-15"), ("pazartesi", "2026-03-09"),
        ("Pazartesi'ye", "2026-03-09"), ("cumartesi", "2026-03-14"), ("ÇARŞAMBA", "2026-03-11"),
        ("pazar", "2026-03-08"), ("12 Mart", "2026-03-12"), ("12 Mart'ta", "2026-03-12"),
        ("3 ocak 2025", "2025-01-03"), ("1 Şubat", "2026-02-01"), ("5 ARALIK", "2025-12-05"),
        ("bugu\u{0308}n", "2026-03-14"), ("today", "2026-03-14"),
    ])
    func turkish(input: String, expected: String) {
        #expect(parse(input, TestLexicon.turkish).value == .date(TestLexicon.day(expected)))
    }

    @Test func turkishFutureWeekdayWithSuffix() {
        #expect(parse("Pazartesi'ye", TestLexicon.turkish, direction: .future).value
            == .date(TestLexicon.day("2026-03-16")))
    }

    @Test(arguments: ["12 March", "12.03", "12/03/2026", "2026-03-12", "today", "monday", "12 март"])
    func strictAcceptsUnambiguousForms(input: String) {
        #expect(parse(input, TestLexicon.bulgarian, strict: true).value != nil)
    }

    @Test(arguments: ["12", "1", "31"])
    func strictRejectsBareNumbers(input: String) {
        #expect(parse(input, strict: true).errorKey == "error.date.invalid")
    }

    @Test(arguments: CommonMalformed.cases)
    func common(input: String, key: String) {
        #expect(parse(input).errorKey == key)
    }

    @Test func tooLongNamesTheLimit() {
        #expect(parse(TestLexicon.huge).error == SlotError("error.too_long", ["max": "200"]))
    }

    @Test(arguments: [
        "31 February", "30 feb 2026", "2026-02-30", "29.02.2025", "31.04.2026", "12.13.2026", "2026-13-01",
        "0.3.2026", "00.00", "12.03.1899", "01.01.2101", "12.03.26", "12.03.02026", "1e309",
        "99999999999999999999999", "99999999999999999999999 March", "12 March 12 March", "March", "12 foo",
        "🙂", "12 🙂 March", "\0", "12\u{0}03", "12.03/2026", "12..03", "-12.03.2026", "12 мarch",
        "yesterday today", "monday 12 march", "2026-03", "32", "0", "12/03/-2026", "٣ March", "１２.０３",
        "2026 March 12", "12-03", "march 12 26", "nextday", "mañana",
    ])
    func malformed(input: String) {
        #expect(parse(input).errorKey == "error.date.invalid")
    }

    @Test(arguments: ["31 февруари", "понеделникк", "12 мартт", "30.02"])
    func malformedBulgarian(input: String) {
        #expect(parse(input, TestLexicon.bulgarian).errorKey == "error.date.invalid")
    }

    @Test(arguments: ["31 Şubat", "pazartesiler", "12 Martt", "dünn"])
    func malformedTurkish(input: String) {
        #expect(parse(input, TestLexicon.turkish).errorKey == "error.date.invalid")
    }
}

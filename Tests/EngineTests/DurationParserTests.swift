import Testing
@testable import Engine

struct DurationParserTests {
    func parse(
        _ text: String, _ lexicon: Lexicon = TestLexicon.english, strict: Bool = false
    ) -> Result<SlotValue, SlotError> {
        SlotParser.parse(text, as: .duration, in: TestLexicon.context(lexicon, strict: strict))
    }

    @Test(arguments: [
        ("45 min", 45), ("45min", 45), ("45m", 45), ("45 mins", 45), ("90 minutes", 90), ("1 minute", 1),
        ("1h30", 90), ("1h 30m", 90), ("1 h 30 min", 90), ("1.5h", 90), ("1,5 h", 90), ("2 hours", 120),
        ("2 HOURS", 120), ("1 hour", 60), ("1 hr", 60), ("1:30", 90), ("0:45", 45), ("10:05", 605), ("1:30 h", 90),
        ("45", 45), ("0.25 h", 15), ("1 hour and 30 minutes", 90), ("1.0 min", 1), ("1h 90min", 150),
        ("999999 h", 59_999_940),
    ])
    func english(input: String, minutes: Int) {
        #expect(parse(input).value == .duration(minutes: minutes))
    }

    @Test(arguments: [
        ("45 мин", 45), ("45 мин.", 45), ("45мин", 45), ("1 час", 60), ("2 часа", 120), ("3 часове", 180),
        ("2 часа и 30 минути", 150), ("1 ч 30 мин", 90), ("1ч30", 90), ("1,5 ч", 90), ("1 ч. 15 мин.", 75),
        ("2 ЧАСА", 120),
    ])
    func bulgarian(input: String, minutes: Int) {
        #expect(parse(input, TestLexicon.bulgarian).value == .duration(minutes: minutes))
    }

    @Test(arguments: [
        ("45 dk", 45), ("45dk", 45), ("45 dakika", 45), ("1 saat", 60), ("1 SAAT", 60), ("1 saat 30 dakika", 90),
        ("1 saat ve 30 dakika", 90), ("1,5 saat", 90), ("2 saat 15 dk", 135), ("2 sa", 120), ("45 dk.", 45),
    ])
    func turkish(input: String, minutes: Int) {
        #expect(parse(input, TestLexicon.turkish).value == .duration(minutes: minutes))
    }

    /// A bare hour unit is one hour ("saat", "час"), but "saat 3" is three o'clock: "saat 3te başladık, 1 saat
    /// sürdü" was a meeting of 1 h 3 min.
    @Test func anHourUnitBeforeANumberIsNoHour() {
        #expect(parse("saat 3", TestLexicon.turkish).errorKey == "error.duration.invalid")
        #expect(parse("saat üç", TestLexicon.turkish).errorKey == "error.duration.invalid")
        #expect(parse("saat 3 başladık 1 saat", TestLexicon.turkish).errorKey == "error.duration.invalid")
        #expect(parse("saat", TestLexicon.turkish).value == .duration(minutes: 60))
        #expect(parse("час", TestLexicon.bulgarian).value == .duration(minutes: 60))
        #expect(parse("час и половина", TestLexicon.bulgarian).value == .duration(minutes: 90))
    }

    @Test func strictRejectsBareNumbers() {
        #expect(parse("45", strict: true).errorKey == "error.duration.invalid")
        #expect(parse("1.5", strict: true).errorKey == "error.duration.invalid")
        #expect(parse("45 min", strict: true).value == .duration(minutes: 45))
        #expect(parse("1h30", strict: true).value == .duration(minutes: 90))
        #expect(parse("1:30", strict: true).value == .duration(minutes: 90))
    }

    @Test(arguments: CommonMalformed.cases)
    func common(input: String, key: String) {
        #expect(parse(input).errorKey == key)
    }

    @Test(arguments: [
        "-5 min", "0 min", "0", "0:00", "0 h 0 min", "1.5 min", "0.01 h", "1:60", "1:5", "1h 60", "30 min 1 h",
        "1 h 2 h", "30 min 15 min", "45 sec", "1e309", "99999999999999999999 min", "9999999 h", "🙂", "45 🙂",
        "\0", "45\0 min", "min", "h30", "1..5 h", "1.5.5 h", "1,5,5 h", "forty fife minutes", "45 min min",
        "١٢ min", "１２ min", "1 . 5 h", "1.12345 h", "+45 min", "45 мин", "1 saat", "1:30:00", "1h30.5",
        "half an", "45,,5", "abc",
    ])
    func malformed(input: String) {
        #expect(parse(input).errorKey == "error.duration.invalid")
    }

    @Test(arguments: ["-1 час", "0 мин", "1,5 мин", "часа час", "1 час 70", "половин"])
    func malformedBulgarian(input: String) {
        #expect(parse(input, TestLexicon.bulgarian).errorKey == "error.duration.invalid")
    }

    @Test(arguments: ["-1 saat", "0 dk", "1,5 dk", "saat saat", "1 saat 70"])
    func malformedTurkish(input: String) {
        #expect(parse(input, TestLexicon.turkish).errorKey == "error.duration.invalid")
    }
}

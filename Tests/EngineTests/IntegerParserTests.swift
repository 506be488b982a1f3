import Testing
@testable import Engine

struct IntegerParserTests {
    func parse(_ text: String, _ lexicon: Lexicon = TestLexicon.english) -> Result<SlotValue, SlotError> {
        SlotParser.parse(text, as: .integer, in: TestLexicon.context(lexicon))
    }

    @Test(arguments: [
        ("42", 42), ("+7", 7), ("-3", -3), ("−3", -3), ("0", 0), ("-0", 0), ("007", 7), (" 12 ", 12),
        ("9223372036854775807", Int.max), ("-9223372036854775808", Int.min),
    ])
    func valid(input: String, expected: Int) {
        #expect(parse(input).value == .integer(expected))
    }

    /// Every language reads digits the same way; number words in the speaker's own language (and English).
    @Test(arguments: [TestLexicon.english, TestLexicon.bulgarian, TestLexicon.turkish])
    func sameInEveryLanguage(lexicon: Lexicon) {
        #expect(parse("12", lexicon).value == .integer(12))
        #expect(parse("three", lexicon).value == .integer(3))
    }

    @Test func numberWordsAreReadInTheirLanguage() {
        #expect(parse("пет", TestLexicon.bulgarian).value == .integer(5))
        #expect(parse("beş", TestLexicon.turkish).value == .integer(5))
        #expect(parse("beş", TestLexicon.bulgarian).errorKey == "error.integer.invalid")
    }

    @Test(arguments: CommonMalformed.cases)
    func common(input: String, key: String) {
        #expect(parse(input).errorKey == key)
    }

    @Test(arguments: [
        "9223372036854775808", "-9223372036854775809", "99999999999999999999999", "1e309", "1.5", "1,000", "12a",
        "--5", "+-5", "+", "-", "🙂", "٣", "\0", "1\u{0}2", "fiv", "пет", "1 2", "0x10", "½", "１２", "Ⅻ", "12🙂",
        "1_000", "3\u{0301}",
    ])
    func malformed(input: String) {
        #expect(parse(input).errorKey == "error.integer.invalid")
    }

    /// An answer on a scale read as neither a number nor its words says the range and two of the words, where a bare
    /// "Please answer with a whole number" was said to "not great".
    @Test func aScaleSaysItsRangeAndWords() throws {
        let text = "5: very useful, excellent; 4: useful; 3: so-so; 1: not useful, useless"
        var context = TestLexicon.context()
        context.scale = try #require(ScaleText.parse(text))
        context.scaleEnds = ScaleText.ends(text)
        let refused = SlotParser.parse("not great", as: .integer, in: context)
        #expect(refused.errorKey == "error.integer.scale")
        guard case .failure(let error) = refused else { return }
        #expect(error.arguments == ["min": "1", "max": "5", "low": "not useful", "high": "very useful"])
        #expect(error.isUnreadable(as: .integer))
        #expect(SlotParser.parse("useless", as: .integer, in: context).value == .integer(1))
        #expect(ScaleText.ends("5 very useful") == nil)
    }

    /// "8/10" where the scale goes to 5 is 4; stars count; without a scale both stay as they were.
    @Test func ratingsOnAnotherScaleAndInStars() throws {
        let text = "5: very useful; 1: useless"
        var context = TestLexicon.context()
        context.scale = try #require(ScaleText.parse(text))
        context.scaleEnds = ScaleText.ends(text)
        #expect(SlotParser.parse("8/10", as: .integer, in: context).value == .integer(4))
        #expect(SlotParser.parse("10 out of 10", as: .integer, in: context).value == .integer(5))
        #expect(SlotParser.parse("4/5", as: .integer, in: context).value == .integer(4))
        #expect(SlotParser.parse("⭐⭐⭐", as: .integer, in: context).value == .integer(3))
        #expect(SlotParser.parse("★ ★", as: .integer, in: context).value == .integer(2))
        #expect(parse("8/10").value == .integer(8))
        #expect(parse("⭐⭐⭐").errorKey == "error.integer.invalid")
    }
}


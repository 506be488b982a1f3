import Testing
@testable import Engine

/// Two lengths given for one ("2-3 hours") are refused as a range, so that which one is meant is asked; before, the
/// hour word was read alone as one hour, or the second number taken.
struct LengthRangeTests {
    func parse(_ text: String, _ lexicon: Lexicon = TestLexicon.english, strict: Bool = true)
        -> Result<SlotValue, SlotError>
    {
        SlotParser.parse(text, as: .duration, in: TestLexicon.context(lexicon, strict: strict))
    }

    @Test(arguments: [
        "2-3 hours", "2 - 3 hours", "2–3h", "2 to 3 hours", "2 or 3 hours", "1.5-2 hours", "between 1 and 2 hours",
        "1 and 2 hours", "two or three hours", "45-60 min", "45 or 60 minutes", "about 2-3 hours", "an hour or two",
        "2 hours or 3", "45 min to 1 hour", "1h-1.5h", "1 h. - 2 h.",
    ])
    func english(input: String) {
        #expect(parse(input).errorKey == "error.duration.range")
    }

    @Test(arguments: [
        ("2-3 часа", TestLexicon.bulgarian), ("2 или 3 часа", TestLexicon.bulgarian),
        ("от 2 до 3 часа", TestLexicon.bulgarian), ("2-3 saat", TestLexicon.turkish),
        ("2 ya da 3 saat", TestLexicon.turkish), ("2 ila 3 saat", TestLexicon.turkish),
        ("2 veya 3 saat", TestLexicon.turkish), ("2 3 saat", TestLexicon.turkish), ("iki üç saat", TestLexicon.turkish),
        ("два-три часа", TestLexicon.bulgarian), ("час-два", TestLexicon.bulgarian),
    ])
    func otherLanguages(input: String, lexicon: Lexicon) {
        #expect(parse(input, lexicon).errorKey == "error.duration.range")
    }

    /// Without a unit two numbers are a range only where a length is asked (not strict): "2 to 3" in a sentence may
    /// be anything.
    @Test func aBareRangeOnlyWhenALengthIsAsked() {
        #expect(parse("45-60", strict: false).errorKey == "error.duration.range")
        #expect(parse("45-60", strict: true).errorKey == "error.duration.invalid")
    }

    /// One length stays one, and what is no length at all stays unreadable.
    @Test(arguments: [
        ("1 hour and 30 minutes", 90), ("an hour and a half", 90), ("2.5 hours", 150), ("1h30", 90),
        ("2 hours and 15 min", 135),
    ])
    func oneLengthIsRead(input: String, minutes: Int) {
        #expect(parse(input).value == .duration(minutes: minutes))
    }

    @Test(arguments: ["2 to 3 topics", "2 or 3", "from 2 to 3 rooms", "2-3-4 hours", "3 hours ago", "3 2 hours"])
    func noRange(input: String) {
        #expect(parse(input).errorKey == "error.duration.invalid")
    }
}

/// Words written other than the lexicon has them: one typo, or shortened as people text.
struct SpellingTests {
    @Test(arguments: [("about", "abt"), ("talked", "tlkd"), ("worked", "wrkd"), ("through", "thrgh")])
    func shortened(word: String, texted: String) {
        #expect(Spelling.shortened(word) == texted)
    }

    /// Nothing shorter than three letters, nothing that drops no letter, nothing outside ASCII letters.
    @Test(arguments: ["on", "we", "was", "sbt", "говорихме", "it's"])
    func notShortened(word: String) {
        #expect(Spelling.shortened(word) == nil)
    }

    @Test func phrasesAreReadWithATypoOrShortened() throws {
        let phrase = try #require(AnswerPhrase("talked about {}"))
        #expect(phrase.capture(in: "we talked about visas") == "visas")
        #expect(phrase.capture(in: "we talkd about visas") == "visas")
        #expect(phrase.capture(in: "we talked abt visas") == "visas")
        #expect(phrase.capture(in: "we tlkd abt visas") == "visas")
        // A typo in the first letter, or in a short word, is another word.
        #expect(phrase.capture(in: "we walked about town") == nil)
        let short = try #require(AnswerPhrase("worked on {}"))
        #expect(short.capture(in: "worked in the garden") == nil)
        let bulgarian = try #require(AnswerPhrase("говорихме за {}"))
        #expect(bulgarian.capture(in: "говорхме за визи") == "визи")
        #expect(bulgarian.capture(in: "говорихме на визи") == nil)
    }
}

/// Two amounts for one ("12 or 15 EUR", "20€ and 5€") are refused so that which one is meant is asked; before, the
/// second was kept, or the first.
struct TwoAmountsTests {
    func parse(_ text: String, _ lexicon: Lexicon = TestLexicon.english, currency: String? = "EUR")
        -> Result<SlotValue, SlotError>
    {
        SlotParser.parse(text, as: .money, in: TestLexicon.context(lexicon, currency: currency))
    }

    @Test(arguments: [
        ("12 or 15 eur", TestLexicon.english), ("12-15 EUR", TestLexicon.english),
        ("€12 - €15", TestLexicon.english), ("20€ and 5€", TestLexicon.english), ("20 and 5", TestLexicon.english),
        ("12,50 to 15 EUR", TestLexicon.english),
        ("12 или 15 лв", TestLexicon.bulgarian), ("20 лв и 5 лв", TestLexicon.bulgarian),
        ("12 ya da 15 TL", TestLexicon.turkish), ("100-120 TL", TestLexicon.turkish),
    ])
    func twoAmounts(input: String, lexicon: Lexicon) {
        #expect(parse(input, lexicon).errorKey == "error.money.several")
    }

    /// One amount, however its thousands are grouped, stays one.
    @Test(arguments: [("1.234,50 EUR", 123_450), ("1 234 EUR", 123_400), ("45", 4500), ("€12.50", 1250)])
    func oneAmount(input: String, minor: Int64) {
        #expect(parse(input).value == .money(Money(minorUnits: minor, currency: "EUR")))
    }

    @Test(arguments: ["12 or so", "-15 EUR", "twelve or fifteen"])
    func notTwoAmounts(input: String) {
        #expect(parse(input).errorKey != "error.money.several")
    }
}

import Testing
@testable import Engine

/// A length counted without a number ("a few hours", "for hours", "birkaç saat") was saved as one hour: the hour word
/// was read alone. Now it is asked as roughly how long; only the words that alone are one hour ("hour", "час",
/// "saat") are one.
struct VagueLengthTests {
    static let english = TestLexicon.english
    static let bulgarian = TestLexicon.bulgarian
    static let turkish = TestLexicon.turkish

    func parse(_ text: String, _ lexicon: Lexicon = TestLexicon.english, strict: Bool = false)
        -> Result<SlotValue, SlotError>
    {
        SlotParser.parse(text, as: .duration, in: TestLexicon.context(lexicon, strict: strict))
    }

    @Test(arguments: [
        ("a few hours", english), ("few hours", english), ("for hours", english), ("hours", english),
        ("several hours", english), ("hours and hours", english),
        ("няколко часа", bulgarian), ("часове", bulgarian), ("доста часа", bulgarian),
        ("birkaç saat", turkish), ("bir kaç saat", turkish), ("birkac saat", turkish), ("epey saat", turkish),
    ])
    func aVagueCountIsAskedAbout(input: String, lexicon: Lexicon) {
        #expect(parse(input, lexicon).errorKey == "error.duration.vague")
        #expect(parse(input, lexicon, strict: true).value == nil)
    }

    @Test(arguments: [
        ("hour", english, 60), ("an hour", english, 60), ("a couple of hours", english, 120),
        ("couple hours", english, 120), ("hour and a half", english, 90),
        ("час", bulgarian, 60), ("около час", bulgarian, 60), ("saat", turkish, 60), ("bir saat", turkish, 60),
    ])
    func anHourAloneIsOne(input: String, lexicon: Lexicon, minutes: Int) {
        #expect(parse(input, lexicon).value == .duration(minutes: minutes))
    }

    /// "-ish" is an approximation typed onto the number or the word: "2ish hours", "2-ish hours", "an hour-ish".
    @Test(arguments: [("2ish hours", 120), ("2-ish hours", 120), ("an hour-ish", 60), ("90ish min", 90)])
    func ishIsAbout(input: String, minutes: Int) {
        #expect(parse(input, strict: true).value == .duration(minutes: minutes))
    }

    @Test func ishOnlyWhereTheLexiconHasIt() {
        let lexicon = TestLexicon.english.indexes.valueDrops
        #expect(SlotInput.droppingGluedPhrase("3ish", lexicon) == "3")
        #expect(SlotInput.droppingGluedPhrase("well-known", lexicon) == "well-known")
        #expect(SlotInput.droppingGluedPhrase("3pm", lexicon) == "3pm")
        #expect(SlotInput.droppingGluedPhrase("-ish", lexicon) == "-ish")
        #expect(SlotInput.droppingGluedPhrase("2-3h", lexicon) == "2-3h")
    }
}

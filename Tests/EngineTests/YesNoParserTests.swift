import Testing
@testable import Engine

struct YesNoParserTests {
    func parse(_ text: String, _ lexicon: Lexicon = TestLexicon.english) -> Result<SlotValue, SlotError> {
        SlotParser.parse(text, as: .yesno, in: TestLexicon.context(lexicon))
    }

    @Test(arguments: [
        ("yes", true), ("Y", true), ("yeah", true), ("YES!", true), (" ok. ", true), ("no", false), ("N", false),
        ("nope", false), ("No!", false),
    ])
    func english(input: String, answer: Bool) {
        #expect(parse(input).value == .yesno(answer))
    }

    @Test(arguments: [("да", true), ("ДА", true), ("Да!", true), ("не", false), ("Не.", false), ("yes", true)])
    func bulgarian(input: String, answer: Bool) {
        #expect(parse(input, TestLexicon.bulgarian).value == .yesno(answer))
    }

    @Test(arguments: [
        ("evet", true), ("EVET", true), ("e", true), ("hayır", false), ("HAYIR", false), ("hayir", false),
        ("yok", false), ("no", false),
    ])
    func turkish(input: String, answer: Bool) {
        #expect(parse(input, TestLexicon.turkish).value == .yesno(answer))
    }

    /// A letter held for emphasis, as typed on a phone, is read once (stop 35: "дааа" at the confirmation was "answer
    /// yes or no"); a held letter never makes a word say the opposite or something it does not.
    @Test(arguments: [
        ("yesss", TestLexicon.english, true), ("yess", TestLexicon.english, true),
        ("Yeeees!", TestLexicon.english, true), ("noooo", TestLexicon.english, false),
        ("noo", TestLexicon.english, false), ("okkk", TestLexicon.english, true), ("nopeee", TestLexicon.english, false),
        ("дааа", TestLexicon.bulgarian, true), ("нееее", TestLexicon.bulgarian, false),
        ("evetttt", TestLexicon.turkish, true), ("hayırr", TestLexicon.turkish, false),
    ])
    func heldLetters(input: String, lexicon: Lexicon, answer: Bool) {
        #expect(parse(input, lexicon).value == .yesno(answer))
    }

    @Test func heldLetterReadings() {
        #expect(SlotInput.withoutHeldLetters("yesss") == ["yess", "yes"])
        #expect(SlotInput.withoutHeldLetters("yess") == ["yes"])
        #expect(SlotInput.withoutHeldLetters("tabiiii") == ["tabii", "tabi"])
        #expect(SlotInput.withoutHeldLetters("yes") == [])
    }

    @Test(arguments: CommonMalformed.cases)
    func common(input: String, key: String) {
        #expect(parse(input).errorKey == key)
    }

    @Test(arguments: [
        "maybe", "yes no", "🙂", "👎👍", "\0", "yes\0", "да😀", "d a", "1", "-1", "1e309", "y e s", "ye",
        "дa", "evetttt", "99999999999999999999", "?", "!!!", "да", "evet", "oui",
    ])
    func malformed(input: String) {
        #expect(parse(input).errorKey == "error.yesno.invalid")
    }

    @Test(arguments: ["може би", "evet", "yes не"])
    func malformedBulgarian(input: String) {
        #expect(parse(input, TestLexicon.bulgarian).errorKey == "error.yesno.invalid")
    }

    @Test(arguments: ["belki", "evet hayır", "да", "haydi"])
    func malformedTurkish(input: String) {
        #expect(parse(input, TestLexicon.turkish).errorKey == "error.yesno.invalid")
    }
}

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

    @Test(arguments: CommonMalformed.cases)
    func common(input: String, key: String) {
        #expect(parse(input).errorKey == key)
    }

    @Test(arguments: [
        "maybe", "yes no", "yess", "🙂", "👎👍", "\0", "yes\0", "да😀", "d a", "1", "-1", "1e309", "y e s", "ye",
        "noo", "дa", "evetttt", "99999999999999999999", "?", "!!!", "да", "evet", "oui",
    ])
    func malformed(input: String) {
        #expect(parse(input).errorKey == "error.yesno.invalid")
    }

    @Test(arguments: ["може би", "дааа", "evet", "yes не"])
    func malformedBulgarian(input: String) {
        #expect(parse(input, TestLexicon.bulgarian).errorKey == "error.yesno.invalid")
    }

    @Test(arguments: ["belki", "evet hayır", "да", "hayırr"])
    func malformedTurkish(input: String) {
        #expect(parse(input, TestLexicon.turkish).errorKey == "error.yesno.invalid")
    }
}

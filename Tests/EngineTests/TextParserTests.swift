import Testing
@testable import Engine

struct TextParserTests {
    func parse(_ text: String, _ lexicon: Lexicon = TestLexicon.english) -> Result<SlotValue, SlotError> {
        SlotParser.parse(text, as: .text, in: TestLexicon.context(lexicon))
    }

    @Test(arguments: [
        ("Hello", "Hello"), ("  We talked about CVs.  ", "We talked about CVs."),
        ("line one\nline two", "line one\nline two"),
        ("Говорихме за CV.", "Говорихме за CV."), ("İstanbul'da buluştuk", "İstanbul'da buluştuk"), ("🙂", "🙂"),
        ("e\u{0301}", "e\u{0301}"), ("mixed Кирилица and Türkçe", "mixed Кирилица and Türkçe"), ("a\0b", "ab"),
        ("12", "12"), ("\u{202E}abc", "\u{202E}abc"),
    ])
    func keepsTheAnswer(input: String, expected: String) {
        #expect(parse(input).value == .text(expected))
    }

    @Test(arguments: [TestLexicon.english, TestLexicon.bulgarian, TestLexicon.turkish])
    func sameInEveryLanguage(lexicon: Lexicon) {
        #expect(parse("да / evet / yes", lexicon).value == .text("да / evet / yes"))
    }

    @Test func limitIsTwoThousandScalars() {
        let longest = String(repeating: "я", count: 2000)
        #expect(parse(longest).value == .text(longest))
        #expect(parse(longest + "я").error == SlotError("error.too_long", ["max": "2000"]))
    }

    @Test(arguments: [
        ("", "error.empty"), (" ", "error.empty"), ("\n", "error.empty"), ("\t", "error.empty"),
        ("\r\n", "error.empty"), ("\u{00A0}", "error.empty"), ("\u{2003}", "error.empty"), ("\u{3000}", "error.empty"),
        ("\0", "error.empty"), ("\0\0", "error.empty"), ("\u{7}", "error.empty"), ("\u{1B}", "error.empty"),
        (" \0 \n ", "error.empty"), ("\u{85}", "error.empty"), ("\u{7F}", "error.empty"),
        (TestLexicon.huge, "error.too_long"), (String(repeating: "a", count: 2001), "error.too_long"),
        (String(repeating: "🙂", count: 2001), "error.too_long"),
        (String(repeating: "👍🏽", count: 1001), "error.too_long"),
        (TestLexicon.zalgo, "error.too_long"), (String(repeating: "я ", count: 1500), "error.too_long"),
    ])
    func malformed(input: String, key: String) {
        #expect(parse(input).errorKey == key)
    }
}

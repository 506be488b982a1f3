import Testing
@testable import Engine

/// Turkish says "it was" with an ending on the word itself ("pazartesiydi": it was Monday, "45 dakikaydı", "iyiydi"),
/// and "-long" too ("40 dakikalık bir görüşme").
/// Such answers were refused ("Bu tarihi anlayamadım") and asked again. A value answer that gives no value is now read
/// again without the locale's `words.endings` endings; a word that means nothing without its ending keeps the refusal.
struct WordEndingsTests {
    static let turkish = TestLexicon.turkish

    func parse(_ text: String, as type: SlotType, _ lexicon: Lexicon = WordEndingsTests.turkish)
        -> Result<SlotValue, SlotError>
    {
        SlotParser.parse(text, as: type, in: TestLexicon.context(lexicon))
    }

    @Test(arguments: [
        ("pazartesiydi", "2026-03-09"), ("dündü", "2026-03-13"), ("geçen salıydı", "2026-03-10"),
        ("gecen saliydi", "2026-03-10"), ("12 Mart'tı", "2026-03-12"), ("Dündü.", "2026-03-13"),
    ])
    func aDateThatWas(input: String, iso: String) {
        #expect(parse(input, as: .date).value == .date(TestLexicon.day(iso)))
    }

    @Test(arguments: [
        ("45 dakikaydı", 45), ("bir saatti", 60), ("yarım saatti", 30), ("iki saatmiş", 120), ("40 dakikalık", 40),
        ("iki saatlik", 120),
    ])
    func aLengthThatWas(input: String, minutes: Int) {
        #expect(parse(input, as: .duration).value == .duration(minutes: minutes))
    }

    /// Without the ending the word is nothing known: the first refusal stays ("şimdi" is "now", not "şim" + "di").
    @Test func aWordThatOnlyLooksLikeOneKeepsItsRefusal() {
        #expect(parse("şimdi", as: .date).errorKey == "error.date.invalid")
        #expect(parse("birkaç saatti", as: .duration).errorKey == "error.duration.vague")
        #expect(Self.turkish.withoutEndings("şimdi geldi") == "şim gel")
        #expect(Self.turkish.withoutEndings("bugün") == nil)
    }

    /// A word of two letters or fewer before the ending is left whole; other languages have no endings.
    @Test func onlyWhereTheLocaleHasEndings() {
        #expect(Self.turkish.withoutEndings("di") == nil)
        #expect(Self.turkish.withoutEndings("3'teydi") == "3'te")
        #expect(TestLexicon.english.withoutEndings("mondaydi") == nil)
        #expect(parse("mondaydi", as: .date, TestLexicon.english).errorKey == "error.date.invalid")
    }

    /// A scale phrase typed in plain Latin letters ("cok faydali") is the phrase ("çok faydalı").
    @Test func aScaleInPlainLetters() throws {
        let scale = try #require(ScaleText.parse("5: çok faydalı; 4: faydalı; 3: idare eder"))
        #expect(scale["cok faydali"] == 5)
        #expect(scale["faydali"] == 4)
        #expect(scale["faydalı"] == 4)
        #expect(ScaleText.parse("2: sik; 3: şık")?["sik"] == 2)
    }
}

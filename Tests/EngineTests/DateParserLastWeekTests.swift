import Testing
@testable import Engine

/// "last week tuesday" is the Tuesday of the week (Monday to Sunday) before this one; it was read as the last Tuesday,
/// a week late on most days (today is Saturday 14 March 2026: this week began on 9 March).
struct DateParserLastWeekTests {
    func parse(_ text: String, _ lexicon: Lexicon, today: String = "2026-03-14") -> SlotValue? {
        var context = TestLexicon.context(lexicon)
        context.today = TestLexicon.day(today)
        return try? SlotParser.parse(text, as: .date, in: context).get()
    }

    @Test(arguments: [
        ("last week tuesday", "2026-03-03"), ("tuesday last week", "2026-03-03"), ("last week on sunday", "2026-03-08"),
        ("миналата седмица във вторник", "2026-03-03"), ("geçen hafta salı", "2026-03-03"),
        ("geçen haftaki cuma günü", "2026-03-06"),
    ])
    func theWeekdayOfTheWeekBefore(_ text: String, _ expected: String) {
        let lexicon = TestLexicon.bulgarian.merged(with: TestLexicon.turkish)
        #expect(parse(text, lexicon) == .date(TestLexicon.day(expected)))
    }

    /// On a Monday the week before is seven days back; "last tuesday" alone is still the last Tuesday.
    @Test func countedFromMonday() {
        let monday = parse("last week monday", TestLexicon.english, today: "2026-03-09")
        #expect(monday == .date(TestLexicon.day("2026-03-02")))
        #expect(parse("last tuesday", TestLexicon.english) == .date(TestLexicon.day("2026-03-10")))
        #expect(parse("last week", TestLexicon.english) == nil)
        #expect(parse("last week tuesday wednesday", TestLexicon.english) == nil)
    }
}

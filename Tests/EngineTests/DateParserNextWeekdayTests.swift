import Testing
@testable import Engine

/// "next monday" in the three languages: the first such day after today (today is Saturday 14 March 2026).
struct DateParserNextWeekdayTests {
    func parse(_ text: String, _ lexicon: Lexicon, direction: DateDirection) -> SlotValue? {
        try? SlotParser.parse(text, as: .date, in: TestLexicon.context(lexicon, direction: direction)).get()
    }

    @Test(arguments: [
        ("next monday", "2026-03-16"), ("Next Saturday", "2026-03-21"), ("coming friday", "2026-03-20"),
        ("следващия понеделник", "2026-03-16"), ("gelecek pazartesi", "2026-03-16"),
        ("önümüzdeki cumartesi", "2026-03-21"),
    ])
    func nextWeekdayIsTheComingOne(_ text: String, _ expected: String) {
        for direction in [DateDirection.past, .future] {
            let lexicon = TestLexicon.bulgarian.merged(with: TestLexicon.turkish)
            #expect(parse(text, lexicon, direction: direction) == .date(TestLexicon.day(expected)))
        }
    }

    @Test(arguments: ["next", "next week", "next monday please", "next 12 March"])
    func nextWithoutAWeekdayIsNotADate(_ text: String) {
        #expect(parse(text, TestLexicon.english, direction: .future) == nil)
    }
}

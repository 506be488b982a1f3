import Testing
@testable import Engine

/// The grammar people write in, read from the `words.*` and `grammar.*` data of each language: number words,
/// fractions, approximations, relative days, weekday with date, ratings, yes in a sentence.
struct GrammarTests {
    func value(_ text: String, _ type: SlotType, _ lexicon: Lexicon = TestLexicon.english,
               direction: DateDirection = .past) -> SlotValue? {
        try? SlotParser.parse(text, as: type, in: TestLexicon.context(lexicon, direction: direction)).get()
    }

    @Test(arguments: [
        ("an hour", 60), ("half an hour", 30), ("an hour and a half", 90), ("1 and a half hours", 90),
        ("two hours", 120), ("about 45 min", 45), ("three quarters of an hour", 45), ("a quarter of an hour", 15),
    ])
    func englishDurations(text: String, minutes: Int) {
        #expect(value(text, .duration) == .duration(minutes: minutes))
    }

    @Test func durationsInBulgarianAndTurkish() {
        #expect(value("половин час", .duration, TestLexicon.bulgarian) == .duration(minutes: 30))
        #expect(value("час и половина", .duration, TestLexicon.bulgarian) == .duration(minutes: 90))
        #expect(value("около два часа", .duration, TestLexicon.bulgarian) == .duration(minutes: 120))
        #expect(value("yarım saat", .duration, TestLexicon.turkish) == .duration(minutes: 30))
        #expect(value("bir buçuk saat", .duration, TestLexicon.turkish) == .duration(minutes: 90))
        #expect(value("1 saat civarı", .duration, TestLexicon.turkish) == .duration(minutes: 60))
    }

    @Test func relativeDays() {
        #expect(value("2 days ago", .date) == .date(TestLexicon.day("2026-03-12")))
        #expect(value("a week ago", .date) == nil)
        #expect(value("one week ago", .date) == .date(TestLexicon.day("2026-03-07")))
        #expect(value("завчера", .date, TestLexicon.bulgarian) == .date(TestLexicon.day("2026-03-12")))
        #expect(value("преди 3 дни", .date, TestLexicon.bulgarian) == .date(TestLexicon.day("2026-03-11")))
        #expect(value("evvelsi gün", .date, TestLexicon.turkish) == .date(TestLexicon.day("2026-03-12")))
        #expect(value("iki gün önce", .date, TestLexicon.turkish) == .date(TestLexicon.day("2026-03-12")))
    }

    @Test func aWeekdayWithADatePicksTheYearAndMustAgree() {
        #expect(value("tuesday 8 december", .date, direction: .future) == .date(TestLexicon.day("2026-12-08")))
        #expect(value("Thursday 12 March", .date) == .date(TestLexicon.day("2026-03-12")))
        #expect(value("monday 12 march", .date) == nil)
    }

    @Test func aBareEarlyHourIsTheAfternoonAndALengthIsNoTime() {
        #expect(value("around 3", .time) == .time(TestLexicon.time(15, 0)))
        #expect(value("около 3", .time, TestLexicon.bulgarian) == .time(TestLexicon.time(15, 0)))
        #expect(value("10", .time) == .time(TestLexicon.time(10, 0)))
        #expect(value("10 hours", .time) == nil)
        #expect(value("45 minutes", .time) == nil)
        #expect(value("14 ч.", .time, TestLexicon.bulgarian) == .time(TestLexicon.time(14, 0)))
    }

    @Test func ratings() {
        #expect(value("4/5", .integer) == .integer(4))
        #expect(value("4 out of 5", .integer) == .integer(4))
        #expect(value("6/5", .integer) == nil)
        #expect(value("5 üzerinden 4", .integer, TestLexicon.turkish) == .integer(4))
    }

    @Test func yesOpensASentence() {
        #expect(value("Yes, please save it.", .yesno) == .yesno(true))
        #expect(value("Yes 👍", .yesno) == .yesno(true))
        #expect(value("да, запиши го", .yesno, TestLexicon.bulgarian) == .yesno(true))
        #expect(value("yes, no", .yesno) == nil)
    }
}

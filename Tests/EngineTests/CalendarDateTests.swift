import Testing
@testable import Engine

struct CalendarDateTests {
    @Test(arguments: [
        (2026, 3, 14), (2024, 2, 29), (2000, 2, 29), (1900, 2, 28), (2026, 12, 31), (1, 1, 1), (9999, 12, 31),
    ])
    func existingDates(year: Int, month: Int, day: Int) {
        let date = CalendarDate(year: year, month: month, day: day)
        #expect(date?.year == year && date?.month == month && date?.day == day)
    }

    @Test(arguments: [
        (2026, 2, 31), (2026, 2, 29), (2025, 2, 29), (1900, 2, 29), (2100, 2, 29), (2026, 4, 31), (2026, 13, 1),
        (2026, 0, 1), (2026, 1, 0), (2026, 1, 32), (0, 1, 1), (10_000, 1, 1), (-1, 1, 1), (Int.max, 1, 1),
        (2026, Int.min, 1), (2026, 1, Int.max),
    ])
    func missingDates(year: Int, month: Int, day: Int) {
        #expect(CalendarDate(year: year, month: month, day: day) == nil)
    }

    @Test func leapYears() {
        #expect(CalendarDate.isLeap(2024))
        #expect(CalendarDate.isLeap(2000))
        #expect(!CalendarDate.isLeap(1900))
        #expect(!CalendarDate.isLeap(2026))
        #expect(CalendarDate.daysIn(month: 2, year: 2024) == 29)
        #expect(CalendarDate.daysIn(month: 2, year: 2100) == 28)
        #expect(CalendarDate.daysIn(month: 4, year: 2026) == 30)
        #expect(CalendarDate.daysIn(month: 12, year: 2026) == 31)
    }

    @Test(arguments: ["2026-03-14", "2024-02-29", "0001-01-01", "1999-12-31"])
    func isoRoundTrip(iso: String) {
        #expect(CalendarDate(iso: iso)?.iso == iso)
        #expect(CalendarDate(iso: iso)?.description == iso)
    }

    @Test(arguments: [
        "", "2026-3-14", "26-03-14", "2026-03-1", "2026/03/14", "2026-02-30", "2026-13-01", "abcd-ef-gh",
        "2026-03-14T00:00", " 2026-03-14", "2026--03-14", "+2026-03-14", "２０２６-03-14", "2026-03-14\0",
    ])
    func invalidIso(iso: String) {
        #expect(CalendarDate(iso: iso) == nil)
    }

    @Test(arguments: [("1970-01-01", 0), ("1969-12-31", -1), ("2000-01-01", 10_957), ("2026-03-14", 20_526)])
    func daysSinceEpoch(iso: String, days: Int) {
        let date = TestLexicon.day(iso)
        #expect(date.daysSinceEpoch == days)
        #expect(CalendarDate(daysSinceEpoch: days) == date)
    }

    @Test func everyDayRoundTripsFrom1900To2100() {
        var previous = TestLexicon.day("1899-12-31")
        for days in TestLexicon.day("1900-01-01").daysSinceEpoch...TestLexicon.day("2100-12-31").daysSinceEpoch {
            let date = CalendarDate(daysSinceEpoch: days)
            #expect(date.daysSinceEpoch == days)
            #expect(date > previous)
            #expect(CalendarDate(year: date.year, month: date.month, day: date.day) == date)
            previous = date
        }
    }

    @Test(arguments: [
        ("1970-01-01", 4), ("2026-03-14", 6), ("2026-03-15", 7), ("2026-03-16", 1), ("2024-02-29", 4),
        ("1900-01-01", 1), ("1969-12-31", 3),
    ])
    func weekday(iso: String, weekday: Int) {
        #expect(TestLexicon.day(iso).weekday == weekday)
    }

    @Test(arguments: [
        ("2026-03-14", 1, "2026-03-15"), ("2026-03-14", -14, "2026-02-28"), ("2024-02-28", 1, "2024-02-29"),
        ("2025-02-28", 1, "2025-03-01"), ("2026-12-31", 1, "2027-01-01"), ("2026-01-01", -1, "2025-12-31"),
        ("2026-03-14", 365, "2027-03-14"), ("2026-03-14", 0, "2026-03-14"),
    ])
    func adding(from: String, days: Int, to: String) {
        #expect(TestLexicon.day(from).adding(days: days) == TestLexicon.day(to))
    }

    @Test func ordering() {
        #expect(TestLexicon.day("2026-03-14") < TestLexicon.day("2026-03-15"))
        #expect(TestLexicon.day("2025-12-31") < TestLexicon.day("2026-01-01"))
        #expect(!(TestLexicon.day("2026-03-14") < TestLexicon.day("2026-03-14")))
        #expect(TestLexicon.day("2026-02-28") < TestLexicon.day("2026-03-01"))
    }
}

import Testing
@testable import Engine

struct SlotRuleTests {
    let today = TestLexicon.today

    // MARK: - Parsing rule lines

    @Test(arguments: [
        ("not future", SlotType.date, SlotRule.notFuture),
        ("Not  Future", .date, .notFuture),
        ("not past", .date, .notPast),
        ("min 5 min", .duration, .min(.duration(minutes: 5))),
        ("max 8 h", .duration, .max(.duration(minutes: 480))),
        ("max 1h30", .duration, .max(.duration(minutes: 90))),
        ("min 1", .integer, .min(.integer(1))),
        ("max -3", .integer, .max(.integer(-3))),
        ("max 3", .list, .max(.integer(3))),
        ("max 500", .text, .max(.integer(500))),
        ("min 2", .attachment, .min(.integer(2))),
        ("min 2026-03-01", .date, .min(.date(TestLexicon.day("2026-03-01")))),
        ("min 08:00", .time, .min(.time(TestLexicon.time(8, 0)))),
        ("max 8pm", .time, .max(.time(TestLexicon.time(20, 0)))),
        ("max 500 EUR", .money, .max(.money(Money(minorUnits: 50_000, currency: "EUR")))),
        ("MIN 0,50 €", .money, .min(.money(Money(minorUnits: 50, currency: "EUR")))),
    ])
    func parsesRules(line: String, type: SlotType, rule: SlotRule) {
        #expect(SlotRule.parse(line, for: type, lexicon: TestLexicon.english) == rule)
    }

    @Test func boundsUseTheLanguageWords() {
        #expect(SlotRule.parse("max 2 часа", for: .duration, lexicon: TestLexicon.bulgarian)
            == .max(.duration(minutes: 120)))
        #expect(SlotRule.parse("min 30 dk", for: .duration, lexicon: TestLexicon.turkish)
            == .min(.duration(minutes: 30)))
        #expect(SlotRule.parse("max 100 лв", for: .money, lexicon: TestLexicon.bulgarian)
            == .max(.money(Money(minorUnits: 10_000, currency: "BGN"))))
    }

    @Test(arguments: [
        ("not future", SlotType.integer), ("not past", .time), ("not", .date), ("future", .date), ("", .date),
        ("min", .integer), ("max", .duration), ("maximum 3", .integer), ("min 1 March", .date),
        ("min yesterday", .date), ("max 500", .money), ("min 1", .choice), ("max 1", .yesno), ("min -1", .text),
        ("max 3.5", .list), ("min five", .integer), ("max 0 min", .duration), ("min 25:00", .time),
        ("max 99999999999999999999", .integer), ("min 5 min extra", .duration), ("not future please", .date),
        ("🙂", .date), ("max \0", .text),
    ])
    func rejectsLines(line: String, type: SlotType) {
        #expect(SlotRule.parse(line, for: type, lexicon: TestLexicon.english) == nil)
    }

    // MARK: - Checking values

    @Test func notFuture() {
        #expect(SlotRule.notFuture.check(.date(today), today: today) == nil)
        #expect(SlotRule.notFuture.check(.date(today.adding(days: -400)), today: today) == nil)
        #expect(SlotRule.notFuture.check(.date(today.adding(days: 1)), today: today) == SlotError("error.date.future"))
    }

    @Test func notPast() {
        #expect(SlotRule.notPast.check(.date(today), today: today) == nil)
        #expect(SlotRule.notPast.check(.date(today.adding(days: 1)), today: today) == nil)
        #expect(SlotRule.notPast.check(.date(today.adding(days: -1)), today: today) == SlotError("error.date.past"))
    }

    @Test(arguments: [
        (SlotRule.min(.duration(minutes: 5)), SlotValue.duration(minutes: 4), "error.duration.min", "min", "5 min"),
        (.max(.duration(minutes: 480)), .duration(minutes: 481), "error.duration.max", "max", "8 h"),
        (.max(.duration(minutes: 90)), .duration(minutes: 91), "error.duration.max", "max", "1 h 30 min"),
        (.min(.integer(1)), .integer(0), "error.integer.min", "min", "1"),
        (.max(.integer(3)), .integer(Int.max), "error.integer.max", "max", "3"),
        (.min(.integer(5)), .text("abcd"), "error.text.min", "min", "5"),
        (.max(.integer(5)), .text("abcdef"), "error.text.max", "max", "5"),
        (.min(.integer(2)), .list(["a"]), "error.list.min", "min", "2"),
        (.max(.integer(1)), .list(["a", "b"]), "error.list.max", "max", "1"),
        (.min(.date(TestLexicon.day("2026-03-01"))), .date(TestLexicon.day("2026-02-28")), "error.date.min", "min",
         "2026-03-01"),
        (.max(.date(TestLexicon.day("2026-03-01"))), .date(TestLexicon.day("2026-03-02")), "error.date.max", "max",
         "2026-03-01"),
        (.min(.time(TestLexicon.time(8, 0))), .time(TestLexicon.time(7, 59)), "error.time.min", "min", "08:00"),
        (.max(.time(TestLexicon.time(20, 0))), .time(TestLexicon.time(20, 1)), "error.time.max", "max", "20:00"),
        (.max(.money(Money(minorUnits: 1000, currency: "EUR"))), .money(Money(minorUnits: 1001, currency: "EUR")),
         "error.money.max", "max", "10.00 EUR"),
        (.min(.money(Money(minorUnits: 50, currency: "BGN"))), .money(Money(minorUnits: 49, currency: "BGN")),
         "error.money.min", "min", "0.50 BGN"),
        (.max(.integer(1)), .attachments([file("a.jpg"), file("b.pdf")]), "error.attachment.max", "max", "1"),
        (.min(.integer(1)), .attachments([]), "error.attachment.min", "min", "1"),
    ])
    func violations(rule: SlotRule, value: SlotValue, key: String, argument: String, display: String) {
        let error = rule.check(value, today: today)
        #expect(error?.key == key)
        #expect(error?.arguments == [argument: display])
    }

    @Test func aBrokenRuleCarriesItsBoundForShowingInThePersonsNotation() {
        let error = SlotRule.max(.duration(minutes: 90)).check(.duration(minutes: 91), today: today)
        #expect(error?.values == ["max": .duration(minutes: 90)])
    }

    @Test(arguments: [
        (SlotRule.min(.duration(minutes: 5)), SlotValue.duration(minutes: 5)),
        (.max(.duration(minutes: 480)), .duration(minutes: 480)),
        (.min(.integer(1)), .integer(1)),
        (.max(.integer(5)), .text("abcde")),
        (.max(.integer(5)), .text("e\u{0301}e\u{0301}e\u{0301}e\u{0301}e\u{0301}")),
        (.max(.integer(2)), .list(["a", "b"])),
        (.min(.money(Money(minorUnits: 50, currency: "EUR"))), .money(Money(minorUnits: 50, currency: "EUR"))),
        // Rules that do not apply to the value's type pass.
        (.notFuture, .integer(5)),
        (.notPast, .text("x")),
        (.min(.integer(1)), .date(TestLexicon.day("2026-03-01"))),
        (.max(.duration(minutes: 5)), .integer(500)),
        (.min(.integer(1)), .yesno(false)),
        (.max(.integer(1)), .choice("a")),
    ])
    func satisfied(rule: SlotRule, value: SlotValue) {
        #expect(rule.check(value, today: today) == nil)
    }

    @Test func moneyInAnotherCurrency() {
        let rule = SlotRule.max(.money(Money(minorUnits: 50_000, currency: "EUR")))
        #expect(rule.check(.money(Money(minorUnits: 1, currency: "BGN")), today: today)
            == SlotError("error.money.currency_mismatch", ["currency": "EUR"]))
    }

    // MARK: - Display

    @Test(arguments: [
        (SlotValue.text("Hi"), "Hi"), (.choice("online"), "online"), (.yesno(true), "yes"), (.yesno(false), "no"),
        (.integer(-3), "-3"), (.date(TestLexicon.day("2026-03-12")), "2026-03-12"),
        (.time(TestLexicon.time(9, 5)), "09:05"),
        (.duration(minutes: 45), "45 min"), (.duration(minutes: 60), "1 h"), (.duration(minutes: 90), "1 h 30 min"),
        (.duration(minutes: 125), "2 h 5 min"), (.money(Money(minorUnits: 4550, currency: "EUR")), "45.50 EUR"),
        (.money(Money(minorUnits: 1500, currency: "JPY")), "1500 JPY"), (.list(["a", "b"]), "a, b"),
        (.attachments([file("a.jpg"), file("b.pdf")]), "a.jpg, b.pdf"), (.attachments([]), ""),
    ])
    func display(value: SlotValue, text: String) {
        #expect(SlotDisplay.text(value) == text)
    }
}

private func file(_ name: String) -> AttachmentRef {
    AttachmentRef(id: name, filename: name, mediaType: "application/octet-stream", size: 1)
}

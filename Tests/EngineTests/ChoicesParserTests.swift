import Testing
@testable import Engine

/// `choices` answers: several options ticked in one message.
struct ChoicesParserTests {
    static let options = [
        ChoiceOption(id: "goals_set", labels: ["goals set", "цели", "hedefler"]),
        ChoiceOption(id: "attendance", labels: ["attendance", "присъствие", "devam"]),
        ChoiceOption(id: "grades", labels: ["grades", "оценки", "notlar"]),
        ChoiceOption(id: "time_management", labels: ["time management", "zaman yönetimi"]),
    ]

    func parse(_ text: String, _ lexicon: Lexicon = TestLexicon.english) -> Result<SlotValue, SlotError> {
        SlotParser.parse(text, as: .choices, in: TestLexicon.context(lexicon, options: Self.options))
    }

    @Test(arguments: [
        ("1, 3", ["goals_set", "grades"]), ("3 1", ["goals_set", "grades"]),
        ("grades and attendance", ["attendance", "grades"]),
        ("devam; notlar", ["attendance", "grades"]), ("2", ["attendance"]), ("1, 1, goals set", ["goals_set"]),
        ("3.", ["grades"]),
    ])
    func ticksEachNamedOrNumberedOptionOnceInTheOptionsOrder(input: String, ids: [String]) {
        #expect(parse(input).value == .list(ids))
    }

    @Test func optionsJoinedByTheLanguagesAnd() {
        #expect(parse("Оценки и присъствие", TestLexicon.bulgarian).value == .list(["attendance", "grades"]))
    }

    @Test(arguments: ["1, 7", "grades, homework", "1 two"])
    func anItemThatIsNoOptionIsNamedWithTheNumberedOptions(input: String) {
        let error = parse(input).error
        #expect(error?.key == "error.choices.invalid")
        #expect(error?.arguments["options"] == "1. goals set, 2. attendance, 3. grades, 4. time management")
    }

    @Test func anOptionTypedWithoutItsDiacriticsIsTicked() {
        #expect(parse("notlar ve zaman yonetimi", TestLexicon.turkish).value == .list(["grades", "time_management"]))
    }

    @Test func anEmptyAnswerIsRefused() {
        #expect(parse(" , ").error?.key == "error.list.empty")
    }
}

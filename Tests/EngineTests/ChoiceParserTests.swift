import Testing
@testable import Engine

struct ChoiceParserTests {
    static let options = [
        ChoiceOption(id: "online", labels: ["Online", "онлайн", "çevrimiçi"]),
        ChoiceOption(id: "in_person", labels: ["In person", "на живо", "yüz yüze"]),
        ChoiceOption(id: "phone", labels: ["Phone", "телефон", "telefon"]),
    ]

    func parse(_ text: String, options: [ChoiceOption] = options) -> Result<SlotValue, SlotError> {
        SlotParser.parse(text, as: .choice, in: TestLexicon.context(options: options))
    }

    @Test(arguments: [
        ("online", "online"), ("ONLINE", "online"), ("  In Person  ", "in_person"), ("in_person", "in_person"),
        ("Phone", "phone"), ("1", "online"), ("2", "in_person"), ("3.", "phone"), ("03", "phone"),
    ])
    func english(input: String, id: String) {
        #expect(parse(input).value == .choice(id))
    }

    @Test(arguments: [("онлайн", "online"), ("НА ЖИВО", "in_person"), ("Телефон", "phone")])
    func bulgarian(input: String, id: String) {
        #expect(parse(input).value == .choice(id))
    }

    @Test(arguments: [
        ("çevrimiçi", "online"), ("ÇEVRİMİÇİ", "online"), ("YÜZ YÜZE", "in_person"), ("telefon", "phone"),
    ])
    func turkish(input: String, id: String) {
        #expect(parse(input).value == .choice(id))
    }

    @Test func labelsThatLookLikeNumbersWinOverPositions() {
        let options = [ChoiceOption(id: "a", labels: ["3"]), ChoiceOption(id: "b", labels: ["1"])]
        #expect(parse("1", options: options).value == .choice("b"))
        #expect(parse("2", options: options).value == .choice("b"))
    }

    @Test(arguments: CommonMalformed.cases)
    func common(input: String, key: String) {
        #expect(parse(input).errorKey == key)
    }

    @Test(arguments: [
        "0", "4", "-1", "+1", "99999999999999999999", "1e309", "onlin", "🙂", "\0", "online\0", "online phone",
        "1 2", "phone🙂", "1.5", "one", "първи", "birinci", "on line", "in-person", "telefoon", "онлаин",
        "١", "２", "#1",
    ])
    func malformed(input: String) {
        let expected = SlotError("error.choice.invalid", ["options": "Online, In person, Phone"])
        #expect(parse(input).error == expected)
    }

    @Test func noOptions() {
        #expect(parse("1", options: []).error == SlotError("error.choice.invalid", ["options": ""]))
    }

    @Test func optionWithoutLabelsIsShownByItsId() {
        let options = [ChoiceOption(id: "other", labels: [])]
        #expect(parse("x", options: options).error == SlotError("error.choice.invalid", ["options": "other"]))
        #expect(parse("OTHER", options: options).value == .choice("other"))
    }
}

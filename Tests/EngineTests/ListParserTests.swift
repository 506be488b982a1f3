import Testing
@testable import Engine

struct ListParserTests {
    func parse(_ text: String, _ lexicon: Lexicon = TestLexicon.english) -> Result<SlotValue, SlotError> {
        SlotParser.parse(text, as: .list, in: TestLexicon.context(lexicon))
    }

    @Test(arguments: [
        ("Maria, Ivan", ["Maria", "Ivan"]), ("Maria and Ivan", ["Maria", "Ivan"]),
        ("Maria AND Ivan", ["Maria", "Ivan"]),
        ("a; b\nc", ["a", "b", "c"]), ("a,,b, ,c", ["a", "b", "c"]), ("a\r\nb", ["a", "b"]), ("Andrea", ["Andrea"]),
        ("Sand and Sea", ["Sand", "Sea"]), ("Maria, Ivan and Petar", ["Maria", "Ivan", "Petar"]),
        ("  reading  ;  chess ", ["reading", "chess"]), ("and", ["and"]), ("a\0b", ["ab"]), ("🙂, 🎉", ["🙂", "🎉"]),
        ("Maria  and\tIvan", ["Maria", "Ivan"]),
    ])
    func english(input: String, items: [String]) {
        #expect(parse(input).value == .list(items))
    }

    @Test(arguments: [
        ("Мария и Иван", ["Мария", "Иван"]), ("Иван И Петър", ["Иван", "Петър"]),
        ("Мария, Иван и Петър", ["Мария", "Иван", "Петър"]),
        ("Ирина", ["Ирина"]),
    ])
    func bulgarian(input: String, items: [String]) {
        #expect(parse(input, TestLexicon.bulgarian).value == .list(items))
    }

    @Test(arguments: [
        ("Ayşe ve Mehmet", ["Ayşe", "Mehmet"]), ("Ayşe VE Mehmet", ["Ayşe", "Mehmet"]),
        ("Veli, Ayşe", ["Veli", "Ayşe"]),
        ("İstanbul ve Ankara", ["İstanbul", "Ankara"]),
    ])
    func turkish(input: String, items: [String]) {
        #expect(parse(input, TestLexicon.turkish).value == .list(items))
    }

    @Test func fiftyItemsIsTheLimit() {
        let fifty = (1...50).map { "\($0)" }.joined(separator: ",")
        #expect(parse(fifty).value == .list((1...50).map { "\($0)" }))
        let fiftyOne = fifty + ",51"
        #expect(parse(fiftyOne).error == SlotError("error.list.too_many", ["max": "50"]))
    }

    @Test(arguments: [
        ("", "error.empty"), ("   ", "error.empty"), ("\n\n", "error.empty"), ("\0", "error.empty"),
        ("\0\u{7}\u{1B}", "error.empty"), (",", "error.list.empty"), (",,,", "error.list.empty"),
        (" , ; ", "error.list.empty"), (";\n;", "error.list.empty"), (", \0 ,", "error.list.empty"),
        (", \u{00A0} ,", "error.list.empty"), ("\u{3000};\u{3000}", "error.list.empty"),
        (TestLexicon.huge, "error.too_long"), (String(repeating: "a,", count: 101), "error.too_long"),
        (TestLexicon.zalgo, "error.too_long"), (String(repeating: "a,", count: 60), "error.list.too_many"),
        (String(repeating: "x;", count: 51), "error.list.too_many"),
        (String(repeating: "a and b;c;", count: 20), "error.list.too_many"),
    ])
    func malformed(input: String, key: String) {
        #expect(parse(input).errorKey == key)
    }

    @Test func itemsJoinedByTheLanguagesAndCountTowardsTheLimit() {
        #expect(parse(String(repeating: "a и b;", count: 30), TestLexicon.bulgarian).errorKey == "error.list.too_many")
        #expect(parse(String(repeating: "a ve b;", count: 28), TestLexicon.turkish).errorKey == "error.list.too_many")
    }
}

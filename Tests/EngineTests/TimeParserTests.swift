import Testing
@testable import Engine

struct TimeParserTests {
    func parse(
        _ text: String, _ lexicon: Lexicon = TestLexicon.english, strict: Bool = false
    ) -> Result<SlotValue, SlotError> {
        SlotParser.parse(text, as: .time, in: TestLexicon.context(lexicon, strict: strict))
    }

    @Test(arguments: [
        ("14:30", 14, 30), ("14.30", 14, 30), ("9:05", 9, 5), ("09:05", 9, 5), ("0:00", 0, 0), ("23:59", 23, 59),
        ("2pm", 14, 0), ("2 pm", 14, 0), ("2:30pm", 14, 30), ("2:30 PM", 14, 30), ("2 p.m.", 14, 0),
        ("11 a.m.", 11, 0), ("12am", 0, 0), ("12:15 am", 0, 15), ("12pm", 12, 0), ("12:45pm", 12, 45),
        ("14:30 pm", 14, 30), ("13pm", 13, 0), ("14h", 14, 0), ("14 h", 14, 0), ("14h30", 14, 30), ("9", 9, 0),
        ("14", 14, 0),
        ("0", 0, 0), (" 7:45 ", 7, 45), ("1400", 14, 0), ("0930", 9, 30),
    ])
    func english(input: String, hour: Int, minute: Int) {
        #expect(parse(input).value == .time(TestLexicon.time(hour, minute)))
    }

    @Test(arguments: [
        ("14 ч", 14, 0), ("14ч", 14, 0), ("14 ч.", 14, 0), ("14:30 ч", 14, 30), ("14:30 ч.", 14, 30),
        ("8 вечерта", 20, 0), ("8:30 вечерта", 20, 30), ("9 сутринта", 9, 0), ("3 следобед", 15, 0),
        ("СУТРИНТА 7", 7, 0), ("14.30", 14, 30), ("2pm", 14, 0),
    ])
    func bulgarian(input: String, hour: Int, minute: Int) {
        #expect(parse(input, TestLexicon.bulgarian).value == .time(TestLexicon.time(hour, minute)))
    }

    @Test(arguments: [
        ("saat 14", 14, 0), ("Saat 14:30", 14, 30), ("14.30", 14, 30), ("öö 9", 9, 0), ("ÖÖ 9:15", 9, 15),
        ("ös 3", 15, 0), ("sabah 9", 9, 0), ("akşam 8", 20, 0), ("öğleden sonra 2", 14, 0), ("2 öğleden sonra", 14, 0),
        ("14 sa", 14, 0), ("9:05", 9, 5),
    ])
    func turkish(input: String, hour: Int, minute: Int) {
        #expect(parse(input, TestLexicon.turkish).value == .time(TestLexicon.time(hour, minute)))
    }

    @Test(arguments: [("14:30", 14, 30), ("14.30", 14, 30), ("2pm", 14, 0), ("8 вечерта", 20, 0), ("saat 9:15", 9, 15)])
    func strictAcceptsSeparatorOrMarker(input: String, hour: Int, minute: Int) {
        let lexicon = TestLexicon.bulgarian.merged(with: TestLexicon.turkish)
        #expect(parse(input, lexicon, strict: true).value == .time(TestLexicon.time(hour, minute)))
    }

    /// "at 3" says when: read as a time picked out of a sentence ("log yesterday at 3 for an hour"), as "в 15 ч." is.
    @Test(arguments: [("at 3", 15, 0), ("at 10", 10, 0), ("At 9", 9, 0), ("в 15 ч.", 15, 0),
                      ("в 15 часа", 15, 0), ("към 10", 10, 0), ("във 8", 8, 0)])
    func strictAcceptsAWordThatSaysATimeFollows(input: String, hour: Int, minute: Int) {
        #expect(parse(input, TestLexicon.bulgarian, strict: true).value == .time(TestLexicon.time(hour, minute)))
    }

    /// Turkish says "at" with the hour unit before the number ("saat 3") or a suffix on it ("11'de", "3te").
    @Test(arguments: [("saat 14", 14, 0), ("saat 3", 15, 0), ("11'de", 11, 0), ("3te", 15, 0), ("15ten", 15, 0),
                      ("11’de", 11, 0)])
    func strictAcceptsTurkishWaysOfSayingAt(input: String, hour: Int, minute: Int) {
        #expect(parse(input, TestLexicon.turkish, strict: true).value == .time(TestLexicon.time(hour, minute)))
    }

    /// The clock in words; in a sentence (strict) only when it starts with a word or says "at": "2 и половина" may be
    /// a length.
    @Test(arguments: [("half past 2", 14, 30), ("quarter to 1", 12, 45), ("a quarter past 10 am", 10, 15),
                      ("quarter past eleven", 11, 15), ("quarter to 12", 11, 45)])
    func clockInWords(input: String, hour: Int, minute: Int) {
        #expect(parse(input, strict: true).value == .time(TestLexicon.time(hour, minute)))
    }

    @Test(arguments: [("2 и половина", 14, 30), ("3 без четвърт", 14, 45), ("без четвърт 3", 14, 45),
                      ("2 buçuk", 14, 30), ("3'e çeyrek var", 14, 45), ("в 2 и половина", 14, 30)])
    func clockInWordsStartingWithTheHour(input: String, hour: Int, minute: Int) {
        let lexicon = TestLexicon.bulgarian.merged(with: TestLexicon.turkish)
        #expect(parse(input, lexicon).value == .time(TestLexicon.time(hour, minute)))
        let strict = parse(input, lexicon, strict: true)
        #expect(input.hasPrefix("в ") || input.hasPrefix("без") ? strict.value != nil : strict.value == nil)
    }

    @Test(arguments: ["half past 13", "quarter to 0", "half past", "quarter past 2 3"])
    func clockInWordsOutOfRange(input: String) {
        #expect(parse(input).errorKey == "error.time.invalid")
    }

    @Test(arguments: ["14", "14h", "14 ч", "9", "1400", "for 3", "3 at", "3 de", "3'ü"])
    func strictRejectsBareHours(input: String) {
        let lexicon = TestLexicon.bulgarian.merged(with: TestLexicon.turkish)
        #expect(parse(input, lexicon, strict: true).errorKey == "error.time.invalid")
    }

    @Test(arguments: CommonMalformed.cases)
    func common(input: String, key: String) {
        #expect(parse(input).errorKey == key)
    }

    @Test(arguments: [
        "24:00", "25:00", "12:60", "24pm", "0pm", "13am", "14:3", "14:300", "123:00", "-1:00", "1e309",
        "99999999999999999999:00", "99999999999999999999", "🙂", "14:30🙂", "\0", "14\0:30", "fourteen",
        "14 : 30", "14::30", "14:30:00", "١٤:٣٠", "１４:３０", "12am30", "2 pmx", "14h30m", "pm", "h", ":30",
        "14:", "14,30", "2pm pm", "14 30", "24", "14 ч", "14 saat 30", "2400", "1275", "14000",
    ])
    func malformed(input: String) {
        #expect(parse(input).errorKey == "error.time.invalid")
    }

    @Test(arguments: ["25 ч", "8 вечерта 9", "вечерта", "14:60 ч", "24ч"])
    func malformedBulgarian(input: String) {
        #expect(parse(input, TestLexicon.bulgarian).errorKey == "error.time.invalid")
    }

    @Test(arguments: ["saat", "saat 25", "öö 13", "akşam", "saat 12:60"])
    func malformedTurkish(input: String) {
        #expect(parse(input, TestLexicon.turkish).errorKey == "error.time.invalid")
    }
}

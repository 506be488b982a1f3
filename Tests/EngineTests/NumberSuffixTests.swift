import Testing
@testable import Engine

/// Turkish case suffixes typed straight onto a number, without the apostrophe: "14:30da" is read as "14:30'da" is
/// (it was not understood, and inside a sentence the minutes were dropped: the meeting was saved at 14:00).
struct NumberSuffixTests {
    @Test(arguments: [
        ("14:30da", ["14:30"]), ("saat 14:30da başladık", ["saat", "14:30", "başladık"]), ("3te", ["3"]),
        ("15ten sonra", ["15", "sonra"]), ("14.30dan", ["14.30"]), ("2026-03-10da", ["2026-03-10"]),
        ("9de", ["9"]), ("11'de", ["11"]),
    ])
    func aSuffixAfterTheLastDigitIsDropped(text: String, words: [String]) {
        #expect(SlotInput.words(text) == words)
    }

    @Test(arguments: [
        ("bende", ["bende"]), ("1st", ["1st"]), ("3a", ["3a"]), ("2nd", ["2nd"]), ("da", ["da"]), ("45dk", ["45dk"]),
        ("1h30", ["1h30"]), ("3ted", ["3ted"]), ("2pm", ["2pm"]),
    ])
    func otherWordsAreLeftAsTheyAre(text: String, words: [String]) {
        #expect(SlotInput.words(text) == words)
    }

    @Test func aTimeWithTheSuffixTypedOnIsATime() {
        let context = TestLexicon.context(TestLexicon.turkish, strict: false)
        #expect(SlotParser.parse("14:30da", as: .time, in: context).value == .time(TestLexicon.time(14, 30)))
        #expect(SlotParser.parse("saat 3te", as: .time, in: context).value == .time(TestLexicon.time(15, 0)))
    }

    /// A number word takes the suffix too ("üçte": at three), with or without diacritics; a time even when strict.
    @Test(arguments: [("üçte", 15), ("ucte", 15), ("saat ikide", 14), ("dörtten", 16), ("sekizde", 8)])
    func aNumberWordWithTheSuffixIsATime(text: String, hour: Int) {
        let context = TestLexicon.context(TestLexicon.turkish, strict: true)
        #expect(SlotParser.parse(text, as: .time, in: context).value == .time(TestLexicon.time(hour, 0)))
    }

    /// Only a number word before the suffix: "bende" ("with me"), "note" are no times.
    @Test(arguments: ["bende", "note", "üç", "ikiler"])
    func otherWordsAreNoNumbersWithASuffix(word: String) {
        #expect(SlotInput.numberWord(withSuffix: word, TestLexicon.turkish.numbers) == nil)
    }

    /// The suffix says "at" or "from", so its number is a time even inside a sentence.
    @Test(arguments: [
        ("11'de", true), ("11’de", true), ("3te", true), ("15ten,", true), ("saat 14:30da başladık", true),
        ("11", false), ("3'ü", false), ("bende 3", false), ("3 de", false), ("1st", false), ("2pm", false),
    ])
    func aSuffixThatSaysAtIsFound(text: String, found: Bool) {
        #expect(SlotInput.hasNumberSuffix(text) == found)
    }
}

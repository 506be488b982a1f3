import Testing
@testable import Engine

/// Bulgarian typed in Latin letters (stop 35: "zapishi vchera 45 min" was not understood): the words of a language
/// with a `words.latin` table are also known so spelled — by its own speakers only ("ne" is Turkish "what").
struct LatinSpellingTests {
    let localizer = LocalizerLabelsTests.localizer

    @Test func aWordIsSpelledLetterByLetter() throws {
        let latin = try #require(LatinSpelling(LocaleEntry(value: "ш:sh, щ:sht, я:ya, ч:ch, а:a, и:i, п:p, з:z", file: "t", line: 1)))
        #expect(latin.spelled("запиши") == "zapishi")
        #expect(latin.spelled("щях") == "shtyaх")
        #expect(latin.spelled("abc") == nil)
        #expect(latin.adding(to: ["запиши", "abc"]) == ["запиши", "abc", "zapishi"])
    }

    @Test func onlyWordListsCommandsHintsAndPhrasesAreSpelled() {
        #expect(LatinSpelling.applies(to: "words.yesterday"))
        #expect(LatinSpelling.applies(to: "log.trigger"))
        #expect(LatinSpelling.applies(to: "log.hints"))
        #expect(LatinSpelling.applies(to: "log.phrases.topics"))
        #expect(!LatinSpelling.applies(to: "log.saved"))
        #expect(!LatinSpelling.applies(to: LatinSpelling.key))
    }

    @Test func bulgarianSpeakersAreUnderstoodInLatinLetters() {
        #expect(localizer.lexicon("bg").yesterday.contains("vchera"))
        #expect(localizer.lexicon("bg").yes.contains("da"))
        #expect(localizer.lexicon("bg").no.contains("ne"))
        #expect(localizer.wordsInAnyLanguage("log.trigger", "bg").contains("zapishi"))
    }

    @Test func noOneElseGetsTheLatinSpellings() {
        #expect(!localizer.lexicon("tr").no.contains("ne"))
        #expect(!localizer.lexicon("en").yes.contains("da"))
        #expect(!localizer.wordsInAnyLanguage("log.trigger", "en").contains("zapishi"))
        #expect(!localizer.wordsInAnyLanguage("log.trigger", "tr").contains("zapishi"))
    }
}

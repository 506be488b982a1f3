import Testing
@testable import Engine

/// What is left of a change of mind once its values are read ("no sorry it was 90 min" → "no sorry it was"): only
/// then does a message that answers nothing change earlier answers.
struct LexiconAmendTests {
    @Test(arguments: [
        ("no sorry it was", TestLexicon.english), ("oops i meant", TestLexicon.english), ("", TestLexicon.english),
        ("actually, it was", TestLexicon.english), ("не, извинявай, беше", TestLexicon.bulgarian),
        ("всъщност беше", TestLexicon.bulgarian), ("hayır pardon sürdü", TestLexicon.turkish),
        ("aslinda", TestLexicon.turkish), ("sorry", TestLexicon.turkish),
    ])
    func onlyAmends(text: String, lexicon: Lexicon) {
        #expect(lexicon.onlyAmends(text))
    }

    @Test(arguments: [
        ("later than usual", TestLexicon.english), ("we talked about visas", TestLexicon.english),
        ("sorry i don't remember when", TestLexicon.english), ("по-късно от обикновено", TestLexicon.bulgarian),
        ("her zamankinden geç", TestLexicon.turkish),
    ])
    func saysMore(text: String, lexicon: Lexicon) {
        #expect(!lexicon.onlyAmends(text))
    }
}

import Testing
@testable import Engine

/// How the disclosure detector reads a message's words. ASCII takes shortcuts (no Unicode property tables, bytes for
/// characters); these pin down that the shortcuts read every word as the general path does.
struct DisclosureTextTests {
    private func words(_ text: String) -> [String] {
        DisclosureText(text).sentences.flatMap { $0.map(\.plain) }
    }

    @Test func asciiIsFoldedAndSplitAsEveryOtherScript() {
        #expect(DisclosureText.fold("He HITS me, I'm SCARED") == "he hits me, i'm scared")
        #expect(words("He HITS me!!! I'm scared… 2nd time") == ["he", "hits", "me", "im", "scared", "2nd", "time"])
        #expect(words("[ok]_then `quoted` {x} @home ^up~") == ["ok", "then", "quoted", "x", "home", "up"])
        #expect(words("DÖVÜYOR İşte BAŞKA") == ["dovuyor", "iste", "baska"])
        #expect(words("Баща ми ме БИЕ") == ["баща", "ми", "ме", "бие"])
        #expect(words("meeee too tooo") == ["me", "too", "to"])
    }

    @Test func digitsAndOtherNumbersAreNumbers() {
        let tokens = DisclosureText("10 12 ² ½ 3rd 90s").sentences.flatMap { $0 }
        #expect(tokens.map(\.plain) == ["10", "12", "²", "½", "3rd", "90s"])
        #expect(tokens.map(\.isNumber) == [true, true, true, true, false, false])
    }

    @Test func bulgarianTypedInLatinLettersReadsAsItsSkeleton() {
        #expect(DisclosureText.latinSkeleton("bashta") == "basta")
        #expect(DisclosureText.latinSkeleton("ba6ta") == "basta")
        #expect(DisclosureText.latinSkeleton("shtastie") == "stastie")
        #expect(DisclosureText.latinSkeleton("yaden4ica") == "adencica")
        #expect(DisclosureText.latinSkeleton("jena") == DisclosureText.cyrillicSkeleton("жена"))
    }

    /// One typo, on bytes for ASCII words and on characters for the rest: the same answers either way.
    @Test func aTypoWordAllowsOneEditInEveryScript() {
        let suicide = DisclosureWord(form: .typo, plain: "suicide")
        func reads(_ word: String) -> Bool {
            suicide.matches(DisclosureText(word).sentences.flatMap { $0 }.first!)
        }
        #expect(reads("suicide") && reads("sucide") && reads("suicdie") && reads("suicides") && reads("suicade"))
        #expect(!reads("sucde") && !reads("suicidal") && !reads("decide"))
        let cyrillic = DisclosureWord(form: .typo, plain: "самоубийство")
        let typed = DisclosureText("самоубиство samoubiistvo samoubijstvo").sentences.flatMap { $0 }
        #expect(typed.map(cyrillic.matches) == [true, true, true])
        #expect(Spelling.withinOneEdit("dövüyor", "dövüyr"))
        #expect(!Spelling.withinOneEdit("dövüyor", "döyr"))
    }

    /// Where a clause may start: after a comma, a colon or a dash, counted in each piece of a long sentence.
    @Test func commasAreKeptPerSentenceAndPiece() {
        let short = DisclosureText("he hits me, and: it hurts. ok — fine")
        #expect(short.commas == [[3, 4], [1]])
        let words = (1...30).map { "w\($0)" }
        let long = DisclosureText(words[..<20].joined(separator: " ") + ", " + words[20...].joined(separator: " "))
        #expect(long.sentences.count == 2)
        #expect(long.commas == [[20], [8]])
    }
}


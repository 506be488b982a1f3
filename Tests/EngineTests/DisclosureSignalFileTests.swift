import Testing
@testable import Engine

/// `Dialogs/safeguarding/*.signals` and `*.corpus`: what a safeguarding lead writes is read as documented, and every
/// mistake is reported as FILE:LINE by `tandem dialogs check`.
struct DisclosureSignalFileTests {
    /// The problems `tandem dialogs check` reports for these safeguarding files (no flows).
    func problems(_ files: [String: String]) -> [String] {
        let engineTexts = EngineText.required.map { "\($0) = x" }.joined(separator: "\n")
        let result = DialogCatalog.build(
            flowFiles: [], localeFiles: ["en": [.init(path: "en/e.locale", text: engineTexts)]], actions: [],
            safeguardingFiles: files.sorted { $0.key < $1.key }.map { .init(path: $0.key, text: $0.value) })
        switch result {
        case .success: return []
        case .failure(let failure): return failure.errors.map(\.description)
        }
    }

    func detector(_ text: String, file: String = "en.signals") -> DisclosureDetector {
        let (detector, errors) = DisclosureDetector.build(signalFiles: [.init(path: file, text: text)])
        #expect(errors.isEmpty, "\(errors)")
        return detector
    }

    @Test func aValidFileHasNoProblems() {
        let file = "words who: me, my mum\nsignal abuse: hit* {who}\nharmless: hit me up\n"
        #expect(problems(["en.signals": file]) == [])
    }

    @Test func anUnknownListNamesTheLine() {
        #expect(problems(["en.signals": "# lists\nsignal abuse: hits {whom}\n"])
            == ["en.signals:2: unknown list `{whom}`"])
    }

    @Test func aListNobodyUsesIsReported() {
        #expect(problems(["en.signals": "words who: me\nsignal abuse: hits me\n"])
            == ["en.signals:1: list `who` is never used"])
    }

    @Test func stemsAndTyposTooShortToBeSafeAreRefused() {
        #expect(problems(["en.signals": "signal abuse: h*\nsignal self_harm: die~\n"]) == [
            "en.signals:1: the stem `h*` is too short: it would match too many words",
            "en.signals:2: `die~` is too short to allow a typo: it would match other words",
        ])
    }

    @Test func malformedLinesAreReported() {
        #expect(problems(["en.signals": "signal: x\nsignal Bad-Kind: x\nsomething\nsignal a: x +\nsignal b: (x\n"]) == [
            "en.signals:1: expected `words NAME: …`, `signal KIND: …`, `harmless: …` or `clause: …` (NAME: letters, "
                + "digits, _; KIND: a-z, digits, _)",
            "en.signals:2: expected `words NAME: …`, `signal KIND: …`, `harmless: …` or `clause: …` (NAME: letters, "
                + "digits, _; KIND: a-z, digits, _)",
            "en.signals:3: expected `words NAME: …`, `signal KIND: …`, `harmless: …` or `clause: …`",
            "en.signals:4: an empty part (check the `+`)",
            "en.signals:5: `(` without `)`",
        ])
    }

    /// A look-alike's parts joined by `+` must start in one clause (split at a comma, a colon, a dash or a `clause:`
    /// word): a word of it elsewhere in the sentence hid "my dad hits me and it hurts my feelings". After `...` a part
    /// goes on past the clause.
    @Test func aLookAlikeHoldsWithinOneClause() {
        let signals = detector("""
            clause: and, but
            signal abuse: hits me
            harmless: hits me + feelings
            signal help: (dont tell)
            harmless: (dont tell) ... surprise
            """)
        #expect(signals.detect("the film hits me right in the feelings") == nil)
        #expect(signals.detect("my dad hits me and it hurts my feelings") != nil)
        #expect(signals.detect("my dad hits me, it hurts my feelings") != nil)
        #expect(signals.detect("my dad hits me: my feelings") != nil)
        #expect(signals.detect("dont tell anyone but it is a surprise") == nil)
        #expect(signals.detect("dont tell anyone") != nil)
    }

    @Test func clauseWordsAreSingleWords() {
        #expect(problems(["en.signals": "clause: and, so that\nsignal a: x\n"])
            == ["en.signals:1: `clause:` takes single words separated by commas"])
    }

    @Test func aCorpusExampleTheSignalsGetWrongNamesItsLineAndTheSignal() {
        let found = problems([
            "en.signals": "signal abuse: hits me\n",
            "en.corpus": "# examples\n+ my dad hits me\n+ my dad slaps me\n- he hits me up later\n? what\n",
        ])
        #expect(found == [
            "en.corpus:3: not recognised as a disclosure: add a signal to Dialogs/safeguarding/*.signals",
            "en.corpus:4: taken for a disclosure by the signal at en.signals:1: narrow it or add a `harmless:` pattern",
            "en.corpus:5: expected `+ TEXT` (a disclosure) or `- TEXT` (harmless)",
        ])
    }

    @Test func wordsFollowEachOtherWithinTwoWordsInOrder() {
        let detector = detector("signal abuse: hits me\n")
        #expect(detector.detect("he hits me") != nil)
        #expect(detector.detect("he hits the door and me") == nil)
        #expect(detector.detect("he hits, really, me") != nil)
        #expect(detector.detect("me? he hits") == nil)
    }

    @Test func partsJoinedByPlusMayStandAnywhereInOneSentence() {
        let detector = detector("signal abuse: beni + döv*\n", file: "tr.signals")
        #expect(detector.detect("babam beni dövüyor")?.language == "tr")
        #expect(detector.detect("dövüyor babam beni") != nil)
        #expect(detector.detect("beni aradı. babam dövüş izliyor") == nil)
    }

    @Test func threeDotsAllowAnyGapInTheSentence() {
        let detector = detector("signal abuse: threatened ... kill\n")
        #expect(detector.detect("he threatened that one day when I am older he would kill") != nil)
        #expect(detector.detect("he threatened me. kill the lights") == nil)
    }

    @Test func foldingIgnoresCaseDiacriticsApostrophesAndRepeatedLetters() {
        let detector = detector("signal fear: i'm scared\nsignal abuse: dövüyor\n")
        #expect(detector.detect("IM SCAREEED") != nil)
        #expect(detector.detect("Im scared") != nil)
        #expect(detector.detect("DÖVÜYOR") != nil)
        #expect(detector.detect("dovuyor") != nil)
        #expect(detector.detect("İM SCARED") != nil)
    }

    @Test func aTildeAllowsOneTypo() {
        let detector = detector("signal self_harm: suicide~\n")
        for typed in ["suicide", "sucide", "suicdie", "suiccide", "suicida"] {
            #expect(detector.detect("thinking about \(typed)") != nil, "\(typed)")
        }
        #expect(detector.detect("thinking about sulcidae") == nil)
    }

    @Test func cyrillicWordsAlsoMatchBulgarianTypedInLatinLetters() {
        let signals = "signal abuse: ме бие\nsignal fear: страх ме е\nsignal self_harm: щях\n"
        let detector = detector(signals, file: "bg.signals")
        #expect(detector.detect("баща ми ме бие")?.language == "bg")
        #expect(detector.detect("bashta mi me bie") != nil)
        #expect(detector.detect("strah me e") != nil)
        #expect(detector.detect("6tqh") != nil)
        #expect(detector.detect("shtyah") != nil)
        #expect(detector.detect("me bi") == nil)
    }

    @Test func harmlessLookAlikesMaskTheirWordsInEveryLanguage() {
        let (detector, errors) = DisclosureDetector.build(signalFiles: [
            .init(path: "en.signals", text: "signal abuse: killing me\nharmless: homework ... killing me\n"),
            .init(path: "tr.signals", text: "signal abuse: beni + döv*\nharmless: dövüş*\n"),
        ])
        #expect(errors.isEmpty)
        #expect(detector.detect("this homework is killing me") == nil)
        #expect(detector.detect("he is killing me") != nil)
        #expect(detector.detect("beni dövüş kursuna yazdırdı") == nil)
    }

    @Test func theSpeakersLanguageIsPreferredWhenSignalsOfSeveralMatch() {
        let (detector, _) = DisclosureDetector.build(signalFiles: [
            .init(path: "en.signals", text: "signal abuse: taciz\n"),
            .init(path: "tr.signals", text: "signal sexual: taciz\n"),
        ])
        #expect(detector.detect("taciz", preferring: "tr")?.language == "tr")
        #expect(detector.detect("taciz", preferring: "en")?.language == "en")
        // A pupil is addressed in a register of their language (`tr~informal`): still that language.
        #expect(detector.detect("taciz", preferring: "tr~informal")?.language == "tr")
    }

    @Test func aLongMessageWithoutFullStopsIsReadInOverlappingPieces() {
        let detector = detector("signal fear: scared + home\n")
        let filler = Array(repeating: "and then", count: 20).joined(separator: " ")
        #expect(detector.detect("i was scared \(filler) we went home") == nil)
        #expect(detector.detect("\(filler) i'm scared to go home \(filler)") != nil)
    }
}

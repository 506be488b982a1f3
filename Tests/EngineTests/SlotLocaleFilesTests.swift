import Testing
@testable import Engine

/// The `words.locale` and `errors.locale` files the slot parsers rely on, in every language.
struct SlotLocaleFilesTests {
    static let languages = ["en", "bg", "tr"]

    @Test(arguments: languages)
    func everyErrorKeyIsTranslated(language: String) {
        let keys = Set(TestLexicon.entries(language, "errors").keys)
        #expect(keys == SlotParser.errorKeys)
    }

    @Test(arguments: ["bg", "tr"])
    func translationsUseTheSamePlaceholders(language: String) {
        let english = TestLexicon.entries("en", "errors")
        let translated = TestLexicon.entries(language, "errors")
        for (key, entry) in english {
            let translation = translated[key]?.value ?? ""
            #expect(placeholders(in: translation) == placeholders(in: entry.value), "\(language) \(key)")
            #expect(translation != entry.value, "\(language) \(key) is not translated")
        }
    }

    @Test func placeholdersMatchTheErrorArguments() {
        let english = TestLexicon.entries("en", "errors")
        let expected: [String: Set<String>] = [
            "error.too_long": ["max"], "error.choice.invalid": ["options"], "error.choices.invalid": ["item", "options"],
            "error.money.currency": ["currency"], "error.money.currency_mismatch": ["currency"],
            "error.list.too_many": ["max"],
            "error.integer.scale": ["min", "max", "high", "low"],
            "error.attachment.type": ["file", "type", "accepted"],
        ]
        for (key, entry) in english {
            let wanted = expected[key] ?? (key.hasSuffix(".min") ? ["min"] : key.hasSuffix(".max") ? ["max"] : [])
            #expect(placeholders(in: entry.value) == wanted, "\(key)")
        }
    }

    @Test(arguments: languages)
    func everyWordKeyIsPresent(language: String) {
        let lexicon = Lexicon(entries: TestLexicon.entries(language, "words"))
        #expect(!lexicon.yes.isEmpty && !lexicon.no.isEmpty && !lexicon.skip.isEmpty)
        #expect(!lexicon.today.isEmpty && !lexicon.yesterday.isEmpty && !lexicon.tomorrow.isEmpty)
        #expect(lexicon.weekdays.count == 7 && lexicon.weekdays.allSatisfy { !$0.isEmpty })
        #expect(lexicon.months.count == 12 && lexicon.months.allSatisfy { !$0.isEmpty })
        #expect(!lexicon.minuteUnits.isEmpty && !lexicon.hourUnits.isEmpty)
        #expect(!lexicon.am.isEmpty && !lexicon.pm.isEmpty && !lexicon.currencies.isEmpty)
        let all = lexicon.yes + lexicon.no + lexicon.weekdays.flatMap { $0 } + lexicon.months.flatMap { $0 }
        #expect(all.allSatisfy { $0 == SlotInput.fold($0) }, "words are lower-cased")
    }

    @Test(arguments: languages)
    func wordsDoNotClash(language: String) {
        let lexicon = Lexicon(entries: TestLexicon.entries(language, "words"))
        #expect(Set(lexicon.yes).isDisjoint(with: lexicon.no))
        let days = lexicon.weekdays.flatMap { $0 }
        #expect(Set(days).count == days.count, "a weekday word names two days")
        let months = lexicon.months.flatMap { $0 }
        #expect(Set(months).count == months.count, "a month word names two months")
        #expect(Set(lexicon.am).isDisjoint(with: lexicon.pm))
        #expect(Set(lexicon.minuteUnits).isDisjoint(with: lexicon.hourUnits))
    }

    @Test func currencies() {
        #expect(TestLexicon.english.currencies["€"] == "EUR")
        #expect(TestLexicon.english.currencies["$"] == "USD")
        #expect(TestLexicon.english.currencies["£"] == "GBP")
        #expect(TestLexicon.bulgarian.currencies["лв."] == "BGN")
        #expect(TestLexicon.bulgarian.currencies["евро"] == "EUR")
        #expect(TestLexicon.turkish.currencies["₺"] == "TRY")
        #expect(TestLexicon.turkish.currencies["avro"] == "EUR")
    }

    @Test func lexiconFromEntriesSplitsTrimsAndLowerCases() throws {
        let entries = try LocaleFile.parse(
            "words.yes = Yes , Y,,  OK\nwords.currency.eur = €, Euro\nwords.currency.TRY = TL\nwords.monday = Mon",
            file: "test.locale")
        let lexicon = Lexicon(entries: entries)
        #expect(lexicon.yes == ["yes", "y", "ok"])
        #expect(lexicon.currencies == ["€": "EUR", "euro": "EUR", "tl": "TRY"])
        #expect(lexicon.weekdays[0] == ["mon"])
        #expect(lexicon.months.allSatisfy { $0.isEmpty })
    }

    private func placeholders(in text: String) -> Set<String> {
        var names: Set<String> = []
        var rest = Substring(text)
        while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
            names.insert(String(rest[rest.index(after: open)..<close]))
            rest = rest[rest.index(after: close)...]
        }
        return names
    }
}

import Testing
@testable import Engine

/// Every combination of three awkward fragments, as every slot type: parsers must not trap, must only give
/// known error keys, and what they accept must be well-formed.
struct SlotParserFuzzTests {
    static let fragments = [
        "1", "12", "99999999999999999999", ":", ".", ",", "-", " ", "€", "лв", "🙂", "\0", "\u{0301}", "h", "min",
        "march", "saat", "İ", "e", "/", "₺", "pm", "и", "\n",
    ]

    @Test(arguments: SlotType.allCases)
    func neverTrapsAndOnlyGivesKnownKeys(type: SlotType) {
        let lexicon = TestLexicon.bulgarian.merged(with: TestLexicon.turkish)
        let options = [ChoiceOption(id: "a", labels: ["march"]), ChoiceOption(id: "b", labels: [])]
        for strict in [false, true] {
            let context = TestLexicon.context(lexicon, options: options, currency: "EUR", strict: strict)
            for a in Self.fragments {
                for b in Self.fragments {
                    for c in Self.fragments {
                        check(SlotParser.parse(a + b + c, as: type, in: context), input: a + b + c)
                    }
                }
            }
        }
    }

    private func check(_ result: Result<SlotValue, SlotError>, input: String) {
        switch result {
        case .failure(let error):
            #expect(SlotParser.errorKeys.contains(error.key), "\(error.key) for \(input.debugDescription)")
        case .success(.date(let date)):
            #expect(DateParser.years.contains(date.year))
        case .success(.duration(let minutes)):
            #expect(minutes > 0)
        case .success(.money(let money)):
            #expect(money.minorUnits >= 0)
        case .success(.list(let items)):
            #expect(!items.isEmpty && items.count <= SlotParser.listLimit && !items.contains(""))
        case .success(.text(let text)):
            #expect(!text.isEmpty && !text.contains("\0"))
        case .success:
            break
        }
    }
}

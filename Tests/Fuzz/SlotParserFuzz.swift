// libFuzzer target: every slot parser and every flow-file rule must never trap, whatever the text.
// Built by Tests/Fuzz/run.sh together with Sources/Engine.

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzSlotParsers(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    var lexicon = Lexicon()
    lexicon.yes = ["yes", "да", "evet"]
    lexicon.no = ["no", "не", "hayır"]
    lexicon.today = ["today", "днес", "bugün"]
    lexicon.yesterday = ["yesterday", "вчера", "dün"]
    lexicon.months[2] = ["march", "март", "mart"]
    lexicon.weekdays[0] = ["monday", "понеделник", "pazartesi"]
    lexicon.minuteUnits = ["min", "мин", "dk"]
    lexicon.hourUnits = ["h", "час", "saat"]
    lexicon.currencies = ["€": "EUR", "лв": "BGN", "tl": "TRY"]
    let options = [ChoiceOption(id: "travel", labels: ["travel"]), ChoiceOption(id: "food", labels: ["food"])]
    guard let today = CalendarDate(year: 2026, month: 3, day: 14) else { return 0 }
    for strict in [false, true] {
        for direction in [DateDirection.past, .future] {
            let context = SlotParseContext(
                today: today, lexicon: lexicon, dateDirection: direction, options: options, defaultCurrency: "EUR",
                strict: strict)
            for type in SlotType.allCases {
                if case .success(let value) = SlotParser.parse(text, as: type, in: context) {
                    _ = SlotDisplay.text(value)
                    _ = SlotRule.notFuture.check(value, today: today)
                }
                _ = SlotRule.parse(text, for: type, lexicon: lexicon)
            }
        }
    }
    return 0
}

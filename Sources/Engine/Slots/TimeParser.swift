/// `time` answers. Accepted forms (case-insensitive):
/// - `14:30`, `14.30`, `9:05` (minutes always two digits);
/// - an am/pm marker from the lexicon before or after the time: `2pm`, `2 pm`, `2:30pm`, `8 вечерта`,
///   `öö 9:15`. With a morning marker the hour is 1–12 (12 am = 00:00, 0 am is accepted too); with an afternoon
///   marker 1–12 adds 12 hours (12 pm = 12:00) and 13–23 are taken as they are;
/// - an hour unit from the lexicon: `14h`, `14 ч.`, `14h30`, `14:30 ч`, and Turkish `saat 14` / `saat 14:30`;
/// - the clock in words (the lexicon's grammar): `half past 2`, `quarter to 3`, `2 и половина`, `3 buçuk`;
/// - not in strict mode, a bare hour `14`, or four digits `1400` / `0930`.
///
/// Strict mode accepts only forms with `:`/`.`, an am/pm marker, a word or suffix that says a time follows (`at 3`,
/// `в 15 ч.`, `saat 3`, `11'de`, `üçte`) or the clock in words that starts with a word (`half past 2`; `2 и половина`
/// may be a length). Anything else, and times outside 00:00–23:59 (`24:00`, `25:00`, `12:60`), is
/// `error.time.invalid`.
enum TimeParser {
    /// Hours that, said alone ("around 3", "около 3", "saat 3"), mean the afternoon: nobody meets at 3 at night.
    static let afternoonHours = 1...6

    static func parse(_ text: String, in context: SlotParseContext) -> Result<SlotValue, SlotError> {
        let failure = Result<SlotValue, SlotError>.failure(SlotError("error.time.invalid"))
        let lexicon = context.lexicon
        var rest = SlotInput.words(text, dropping: lexicon.indexes.valueDrops).map { word in
            (lexicon.numbers[word] ?? SlotInput.numberWord(withSuffix: word, lexicon.numbers)).map(String.init) ?? word
        }.joined(separator: " ")
        var afternoon: Bool?
        for marker in lexicon.indexes.dayMarkers {
            if let remainder = SlotInput.removing(marker: marker.phrase, from: rest) {
                rest = remainder
                afternoon = marker.afternoon
                break
            }
        }
        if let (hour, minute, startsWithWord) = clock(rest, lexicon) {
            if context.strict, !startsWithWord, afternoon == nil, !saysATimeFollows(text, lexicon) { return failure }
            return time(hour: hour, minute: minute, afternoon: afternoon, spokenHour: true, usually: context.dayPart)
                .map { .success(.time($0)) } ?? failure
        }
        var tokens = SlotToken.split(rest)
        let isHourUnit = { (token: SlotToken) in
            token.kind == .word && SlotInput.matches(token.text, context.lexicon.hourUnits)
        }
        if tokens.count == 2, tokens[0].kind == .number,
           tokens[1].kind == .word, SlotInput.matches(tokens[1].text, lexicon.minuteUnits) {
            return .failure(SlotError("error.time.duration"))
        }
        // "saat 3": an hour unit before the number says a time follows.
        let hourUnitFirst = tokens.first.map(isHourUnit) ?? false
        if hourUnitFirst { tokens.removeFirst() }
        // A dot after a unit is an abbreviation ("14 ч."); a unit may follow a full time ("14:30 ч").
        if tokens.count >= 2, tokens[tokens.count - 1].text == ".", tokens[tokens.count - 2].kind == .word {
            tokens.removeLast()
        }
        if tokens.count == 4, let last = tokens.last, isHourUnit(last) { tokens.removeLast() }
        let hourText: String
        let minuteText: String?
        let separated: Bool
        switch tokens.count {
        case 1 where tokens[0].kind == .number && tokens[0].text.count == 4:
            // "1400", "0930" as typed on a phone: only as an answer to the question, never picked out of a sentence.
            let digits = tokens[0].text
            (hourText, minuteText, separated) = (String(digits.prefix(2)), String(digits.suffix(2)), false)
        case 1 where tokens[0].kind == .number:
            (hourText, minuteText, separated) = (tokens[0].text, nil, false)
        case 2 where tokens[0].kind == .number && isHourUnit(tokens[1]):
            (hourText, minuteText, separated) = (tokens[0].text, nil, false)
        case 3 where tokens[0].kind == .number && tokens[2].kind == .number && !tokens[2].spaced:
            let isSeparator = [":", "."].contains(tokens[1].text) && !tokens[1].spaced
            guard isSeparator || isHourUnit(tokens[1]) else { return failure }
            (hourText, minuteText, separated) = (tokens[0].text, tokens[2].text, isSeparator)
        default:
            return failure
        }
        if context.strict, !separated, afternoon == nil, !hourUnitFirst, !saysATimeFollows(text, lexicon) {
            return failure
        }
        guard let hour = SlotInput.number(hourText, maxDigits: 2) else { return failure }
        // "2 hours", "45 min": how long, not when.
        if tokens.count == 2, hour <= 12, afternoon == nil, !isHourUnit(tokens[0]) {
            return .failure(SlotError("error.time.duration"))
        }
        var minute = 0
        if let minuteText {
            guard minuteText.count == 2, let value = SlotInput.number(minuteText, maxDigits: 2) else { return failure }
            minute = value
        }
        return time(hour: hour, minute: minute, afternoon: afternoon, spokenHour: minuteText == nil,
                    usually: context.dayPart).map { .success(.time($0)) } ?? failure
    }

    /// The time of `hour`:`minute` with a morning or afternoon marker (nil: none). Without one, an hour up to 11
    /// is in the part of the day `usually` says (the date's: "this evening"); else a `spokenHour` said alone or in
    /// words ("3", "half past 3") of ``afternoonHours`` is in the afternoon.
    private static func time(hour: Int, minute: Int, afternoon: Bool?, spokenHour: Bool, usually: Bool?)
        -> ClockTime?
    {
        var hour = hour
        switch afternoon ?? usually.flatMap({ (1...11).contains(hour) ? $0 : nil }) {
        case .some(false):
            guard hour <= 12 else { return nil }
            hour %= 12
        case .some(true):
            guard (1...23).contains(hour) else { return nil }
            if hour < 12 { hour += 12 }
        case .none:
            if spokenHour, afternoonHours.contains(hour) { hour += 12 }
        }
        return ClockTime(hour: hour, minute: minute)
    }

    /// The hour and minute of the clock in words (`half past 2` → 2, 30; `quarter to 1` → 12, 45), and whether the
    /// words start with a word rather than the hour.
    private static func clock(_ text: String, _ lexicon: Lexicon) -> (hour: Int, minute: Int, startsWithWord: Bool)? {
        guard text.utf8.contains(UInt8(ascii: " ")) else { return nil }
        let tokens = SlotToken.split(SlotInput.fold(text))
        for (patterns, minutes) in [(lexicon.halfPast, 30), (lexicon.quarterPast, 15), (lexicon.quarterTo, -15)] {
            for pattern in patterns {
                guard let hour = pattern.match(tokens, numbers: lexicon.numbers)?["h"], (1...12).contains(hour) else {
                    continue
                }
                let startsWithWord = if case .word = pattern.pieces.first { true } else { false }
                return minutes >= 0
                    ? (hour, minutes, startsWithWord) : (hour == 1 ? 12 : hour - 1, 60 + minutes, startsWithWord)
            }
        }
        return nil
    }

    /// Whether `text` starts with a word that says a time follows ("at 3", "в 15 ч."), or its number carries a
    /// suffix that does ("11'de", "3te"), or the hour is said roughly ("around 3", "3 gibi", "3ish": a length said
    /// roughly keeps its unit, "about 3 hours").
    private static func saysATimeFollows(_ text: String, _ lexicon: Lexicon) -> Bool {
        guard let first = text.utf8.first else { return false }
        if SlotInput.words(text, dropping: lexicon.indexes.approximations) != SlotInput.words(text) { return true }
        // Most candidates start with their number: no word to look at then.
        if SlotInput.isDigit(first) { return SlotInput.hasNumberSuffix(text) }
        guard let word = SlotInput.words(text).first else { return false }
        return SlotInput.matches(word, lexicon.at) || SlotInput.numberWord(withSuffix: word, lexicon.numbers) != nil
    }
}

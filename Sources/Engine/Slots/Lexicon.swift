/// The words slot parsers recognise in one language, read from the `words.*` keys of a locale file.
/// All entries are lower-cased. A participant's lexicon is their language merged with English.
public struct Lexicon: Sendable, Hashable {
    public var yes: [String] = []
    public var no: [String] = []
    public var skip: [String] = []
    public var today: [String] = []
    public var yesterday: [String] = []
    public var tomorrow: [String] = []
    /// Words that make a weekday the coming one ("next monday", "следващия понеделник", "gelecek pazartesi").
    public var next: [String] = []
    /// Index 0 = Monday … 6 = Sunday; each entry holds the full name and abbreviations.
    public var weekdays: [[String]] = Array(repeating: [], count: 7)
    /// Index 0 = January … 11 = December; each entry holds the names (all grammatical forms) and abbreviations.
    public var months: [[String]] = Array(repeating: [], count: 12)
    /// Words for minutes ("min", "minutes", "мин", "dk", "dakika").
    public var minuteUnits: [String] = []
    /// Words for hours ("h", "hours", "ч", "часа", "saat", "sa").
    public var hourUnits: [String] = []
    /// The words for hours that alone are one hour ("hour", "час", "saat"); "hours" or "часа" alone is no length.
    public var anHour: [String] = []
    /// Words that count vaguely ("few", "several", "няколко", "birkaç"): "birkaç saat" is no length, and asked.
    public var vagueQuantity: [String] = []
    /// Morning/afternoon markers ("am", "pm", "сутринта", "öğleden sonra").
    public var am: [String] = []
    public var pm: [String] = []
    /// Words that say a time of day follows ("at", "в"): "at 3" is when, where a bare "3" may be anything.
    public var at: [String] = []
    /// Currency words and symbols mapped to ISO 4217 codes ("€" → EUR, "лв" → BGN, "tl" → TRY).
    public var currencies: [String: String] = [:]
    /// Number words and their values ("one" → 1, "an" → 1, "два" → 2, "üç" → 3).
    public var numbers: [String: Int] = [:]
    /// Words that ask for a change and say nothing of it ("change", "промени", "değiştir").
    public var change: [String] = []
    /// Words between what to change and its new value ("to", "на", "olarak").
    public var changeTo: [String] = []
    /// Articles that mean "one" before a unit ("an hour", "a quarter"), and nothing on their own.
    public var article: [String] = []
    /// A half of what follows ("half an hour", "половин час", "yarım saat").
    public var half: [String] = []
    /// A half more than what comes before ("an hour and a half", "час и половина", "bir buçuk saat").
    public var andAHalf: [String] = []
    /// A quarter ("quarter of an hour", "three quarters", "четвърт час", "çeyrek saat").
    public var quarter: [String] = []
    /// Words that make a value approximate and are left out ("about", "около", "civarı").
    public var approximately: [String] = []
    /// Those of them that follow their value ("45 min ish", "45 dakika kadar"); the others come before it.
    public var approximatelyAfter: [String] = []
    /// Little words around a value that say nothing about it ("at", "for", "в", "за", "de").
    public var filler: [String] = []
    /// Words before the first time of a range ("from", "от"), and between its two times ("to", "до").
    public var rangeFrom: [String] = []
    public var rangeTo: [String] = []
    /// Words between two values offered as alternatives ("2 or 3", "2 или 3", "2 ya da 3"): neither is the answer.
    public var or: [String] = []
    /// Words joining two parts of one value or two items of a list ("1 hour and 30 minutes", "Maria и Ivan"). Every
    /// language's lexicon has them all: a list of names is written in any of them.
    public var and: [String] = []
    /// Words that turn what follows or precedes them round ("not", "wasn't", "не", "değil"): "not great" is no
    /// "great", and "faydalı değil" no "faydalı".
    public var negation: [String] = []
    /// Endings typed onto a word that add nothing to the value it gives: "was" or "is" ("pazartesiydi": it was
    /// Monday; "45 dakikaydı", "iyiydi"), "-long" ("40 dakikalık"), longest first. A value question's answer that
    /// gives no value is read again without them.
    public var endings: [String] = []
    /// Case endings typed onto a noun ("taksiye", "otelde", "trenle": to, in, by the taxi, hotel, train), longest
    /// first: an option's name is also known with one.
    public var caseEndings: [String] = []
    /// Words that take back or add to what was said before and say nothing else ("sorry", "actually", "i meant",
    /// "всъщност", "aslında"): "no sorry, it was 90 min" changes the length and is about nothing more.
    public var amend: [String] = []
    /// The cancel words ("stop", "спри", "dur"): with a new value after them they take back what was said ("stop, it
    /// was 2 hours"), as `amend` does; alone they end the flow (the engine's command).
    public var cancel: [String] = []
    /// The day before yesterday ("завчера", "evvelsi gün").
    public var dayBeforeYesterday: [String] = []
    /// The week before this one ("last week", "миналата седмица", "geçen hafta"): "last week tuesday" is that week's.
    public var lastWeek: [String] = []
    /// Words before a weekday meaning the last one ("last", "миналия", "geçen").
    public var last: [String] = []
    /// Answers meaning "nothing", which skip an optional question ("none", "няма", "yok").
    public var none: [String] = []
    /// `{n} days ago` and the like: a date that many days before today.
    public var daysAgo: [GrammarPattern] = []
    /// `{n} weeks ago`: that many weeks before today.
    public var weeksAgo: [GrammarPattern] = []
    /// `{n}/{max}`, `{n} out of {max}`: a rating, whose `{n}` is the number.
    public var rating: [GrammarPattern] = []
    /// Times of the clock said in words, whose `{h}` is the hour: `half past {h}` (h:30), `quarter past {h}` (h:15),
    /// `quarter to {h}` (15 minutes before h).
    public var halfPast: [GrammarPattern] = []
    public var quarterPast: [GrammarPattern] = []
    public var quarterTo: [GrammarPattern] = []

    /// What the parsers look up in this lexicon, indexed once by `prepared()`.
    private(set) var preparedIndexes: Indexes?
    /// Every word a date, time, length, amount or number may begin with (digits aside), for skipping words that
    /// cannot start one without parsing them; nil unless prepared.
    var valueWords: Set<String>? { preparedIndexes?.valueWords }
    /// The words only a day, a length or a number is written with ("yesterday", "hour", "monday", "twenty"; phrases
    /// of one word of two letters or more): with a digit, the clue that a message may carry a value.
    var dayOrAmountWords: Set<String> { indexes.dayOrAmountWords }

    /// Whether `text` may carry a day, a time, a length or an amount: it has a digit or one of ``dayOrAmountWords``
    /// (in any case, with punctuation around it). Read on bytes, without splitting the text into `String`s: it is
    /// asked of every answer inside a flow.
    func mayCarryValue(_ text: String) -> Bool {
        let clues = dayOrAmountWords
        var word: [UInt8] = []
        word.reserveCapacity(32)
        func isClue() -> Bool {
            defer { word.removeAll(keepingCapacity: true) }
            guard word.count >= 2 else { return false }
            let found = String(decoding: word, as: UTF8.self)
            return clues.contains(word.allSatisfy { $0 < 0x80 } ? found : found.lowercased())
        }
        for byte in text.utf8 {
            if SlotInput.isDigit(byte) { return true }
            if Self.wordBreaks.contains(byte) {
                if isClue() { return true }
            } else {
                word.append((UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte) ? byte + 32 : byte)
            }
        }
        return isClue()
    }

    /// Whether `word` is a unit of a length: an hour or a minute word ("h", "часа", "dk.").
    func isUnit(_ word: String) -> Bool { lengthUnit(word) != nil }

    /// Whether `token` (as typed) counts the unit after it: a number ("2-3", "2ish") or a vague count ("birkaç",
    /// "few"). A unit after it is that count's, never one hour of its own.
    func counts(_ token: String) -> Bool {
        token.last?.isNumber == true || token.first?.isNumber == true
            || vagueQuantity.contains(SlotInput.words(token).first ?? "")
    }

    /// Whether `word` belongs with a value after it, never the one before: a filler ("at", "в") or an approximation
    /// that comes before its value ("about", "около"; not "ish" or "kadar", which follow theirs).
    func leadsAValue(_ word: String) -> Bool {
        filler.contains(word) || (approximately.contains(word) && !approximatelyAfter.contains(word))
    }

    /// Whether `token` (as typed) holds a word of ``negation``.
    func negates(_ token: String) -> Bool {
        SlotInput.words(token).contains { negation.contains($0) }
    }

    /// Which unit of a length `word` is, if it is one.
    func lengthUnit(_ word: String) -> DurationParser.Unit? {
        if SlotInput.matches(word, hourUnits) { return .hours }
        if SlotInput.matches(word, minuteUnits) { return .minutes }
        return nil
    }

    /// `text` with an ``endings`` ending taken off each word that carries one after at least two letters or digits
    /// ("pazartesiydi" → "pazartesi", "3'teydi" → "3'te"), folded; nil when no word carries one.
    func withoutEndings(_ text: String) -> String? {
        guard !endings.isEmpty else { return nil }
        var changed = false
        let words = text.split(whereSeparator: \.isWhitespace).map { word -> String in
            var folded = SlotInput.fold(String(word))
            var punctuation = ""
            while let last = folded.last, ",.;!?".contains(last) {
                punctuation.insert(folded.removeLast(), at: punctuation.startIndex)
            }
            // A number may be short: "7ydi" (it was 7).
            let stem = folded.first?.isNumber == true ? 1 : 2
            guard let ending = endings.first(where: { folded.count >= $0.count + stem && folded.hasSuffix($0) }) else {
                return String(word)
            }
            changed = true
            return String(folded.dropLast(ending.count)) + punctuation
        }
        return changed ? words.joined(separator: " ") : nil
    }

    /// `text` with a ``caseEndings`` ending taken off its last word, after at least three letters ("taksiye" →
    /// "taksi"); nil when it carries none.
    func withoutCaseEnding(_ text: String) -> String? {
        guard !caseEndings.isEmpty, let last = text.split(separator: " ").last else { return nil }
        let word = String(last)
        guard let ending = caseEndings.first(where: { word.count >= $0.count + 3 && word.hasSuffix($0) })
        else { return nil }
        return String(text.dropLast(ending.count))
    }

    /// Whether `text` names the afternoon or evening (true: a phrase of ``pm``, "this evening", "bu akşam") or the
    /// morning (false: of ``am``, "тази сутрин"); nil when it names neither.
    func afternoon(in text: String) -> Bool? {
        let words = SlotInput.words(text)
        return words.indices.lazy.compactMap { dayPart(of: words[$0...]) }.first
    }

    /// Whether `tokens` (as typed, up to the first used one) begin with a phrase of ``pm`` (true) or ``am`` (false).
    func dayPart(startingAt tokens: ArraySlice<String?>) -> Bool? {
        let words = tokens.prefix(4).prefix { $0 != nil }.map { SlotInput.words($0 ?? "").first ?? "" }
        return dayPart(of: words[...])
    }

    private func dayPart(of words: ArraySlice<String>) -> Bool? {
        let words = Array(words)
        if pm.contains(where: { SlotInput.phraseLength($0, in: words) != nil }) { return true }
        if am.contains(where: { SlotInput.phraseLength($0, in: words) != nil }) { return false }
        return nil
    }

    /// Whether `text` holds nothing but words that take back, add to or soften what was said (``amend``, "no",
    /// fillers, approximations, articles): what is left of "no sorry, it was 90 min" once its length is read.
    func onlyAmends(_ text: String) -> Bool {
        let words = SlotInput.words(text)
        var index = 0
        while index < words.count {
            guard let length = indexes.amendments.longest(in: words, at: index) else { return false }
            index += length
        }
        return true
    }

    /// `words` without the amending words they open with: "actually it was 7" → "7".
    func afterAmends(_ words: [String]) -> ArraySlice<String> {
        var index = 0
        while index < words.count, let length = indexes.amendments.longest(in: words, at: index) { index += length }
        return words[index...]
    }

    /// The bytes `mayCarryValue` reads as the end of a word: white space and punctuation.
    private static let wordBreaks: Set<UInt8> = Set(" \t\r\n,.!?:;()\"".utf8)

    /// A phrase that says the morning or the afternoon of a time ("am", "in the evening", "öğleden sonra").
    struct DayMarker: Sendable, Hashable {
        let phrase: String
        let afternoon: Bool
    }

    /// The lexicon's phrases indexed by their first word, for the parsers.
    struct Indexes: Sendable, Hashable {
        /// Phrases left out of a time, a length or a number: approximations and fillers.
        let valueDrops: PhraseIndex
        /// Phrases left out of a date: fillers.
        let dateDrops: PhraseIndex
        /// The approximations ("about", "около", "gibi").
        let approximations: PhraseIndex
        /// Number words ("twenty five", "двадесет и пет").
        let numbers: PhraseIndex
        let half: PhraseIndex
        let andAHalf: PhraseIndex
        let quarter: PhraseIndex
        let valueWords: Set<String>
        let dayOrAmountWords: Set<String>
        /// What a message that only changes earlier answers may hold besides the new values.
        let amendments: PhraseIndex
        /// Words between two values offered as alternatives ("or", "ya da").
        let alternatives: PhraseIndex
        /// Words that count vaguely ("few", "bir kaç").
        let vagueQuantity: PhraseIndex
        /// The phrases of ``am`` (false) and ``pm`` (true) as a time's words read them (without fillers: "in the
        /// evening" is "in evening"), longest first.
        let dayMarkers: [DayMarker]

        init(_ lexicon: Lexicon) {
            valueDrops = PhraseIndex(lexicon.approximately + lexicon.filler)
            dateDrops = PhraseIndex(lexicon.filler)
            approximations = PhraseIndex(lexicon.approximately)
            numbers = PhraseIndex(lexicon.numbers.keys)
            half = PhraseIndex(lexicon.half)
            andAHalf = PhraseIndex(lexicon.andAHalf)
            quarter = PhraseIndex(lexicon.quarter)
            amendments = PhraseIndex(
                lexicon.amend + lexicon.cancel + lexicon.no + lexicon.filler + lexicon.approximately + lexicon.article)
            alternatives = PhraseIndex(lexicon.or)
            vagueQuantity = PhraseIndex(lexicon.vagueQuantity)
            dayMarkers = (lexicon.am.map { ($0, false) } + lexicon.pm.map { ($0, true) })
                .map { [valueDrops] in
                    DayMarker(phrase: SlotInput.words($0, dropping: valueDrops).joined(separator: " "), afternoon: $1)
                }
                .filter { !$0.phrase.isEmpty }
                .sorted { $0.phrase.count > $1.phrase.count }
            var words: Set<String> = []
            let lists = [lexicon.today, lexicon.yesterday, lexicon.tomorrow, lexicon.next, lexicon.last,
                         lexicon.dayBeforeYesterday, lexicon.minuteUnits, lexicon.hourUnits, lexicon.am, lexicon.pm,
                         lexicon.at,
                         lexicon.article, lexicon.half, lexicon.andAHalf, lexicon.quarter, lexicon.approximately,
                         lexicon.filler, Array(lexicon.numbers.keys), Array(lexicon.currencies.keys)]
                + lexicon.weekdays + lexicon.months
            for phrase in lists.joined() {
                if let first = phrase.split(separator: " ").first { words.insert(String(first)) }
            }
            let clock = lexicon.halfPast + lexicon.quarterPast + lexicon.quarterTo
            for pattern in lexicon.daysAgo + lexicon.weeksAgo + lexicon.rating + clock {
                if case .word(let word)? = pattern.pieces.first { words.insert(word) }
            }
            // "üçte", "ikiden": a number word with the locative or ablative suffix starts a time.
            for number in lexicon.numbers.keys where !number.contains(" ") {
                for suffix in SlotInput.numberSuffixWords { words.insert(number + suffix) }
            }
            valueWords = words
            let days = [lexicon.today, lexicon.yesterday, lexicon.tomorrow, lexicon.dayBeforeYesterday,
                        lexicon.minuteUnits, lexicon.hourUnits, Array(lexicon.numbers.keys)]
                + lexicon.weekdays + lexicon.months
            // Words of one word only: "the day before yesterday" and "a couple" begin with words anyone writes.
            dayOrAmountWords = Set(days.joined().filter { $0.count >= 2 && !$0.contains(" ") })
        }
    }

    public init() {}

    /// The lexicon with what the parsers look up indexed once (the engine's lexicons are prepared).
    public func prepared() -> Lexicon {
        var lexicon = self
        lexicon.preparedIndexes = Indexes(self)
        return lexicon
    }

    /// The phrase indexes (prepared, or worked out now).
    var indexes: Indexes { preparedIndexes ?? Indexes(self) }

    /// Words of `self` first, then of `other` (so a Bulgarian speaker may still type "yesterday").
    public func merged(with other: Lexicon) -> Lexicon {
        let join: ([String], [String]) -> [String] = Self.join
        var m = withAnswerWords(of: other)
        m.today = join(today, other.today)
        m.yesterday = join(yesterday, other.yesterday)
        m.tomorrow = join(tomorrow, other.tomorrow)
        m.next = join(next, other.next)
        m.weekdays = zip(weekdays, other.weekdays).map { join($0, $1) }
        m.months = zip(months, other.months).map { join($0, $1) }
        m.minuteUnits = join(minuteUnits, other.minuteUnits)
        m.hourUnits = join(hourUnits, other.hourUnits)
        m.anHour = join(anHour, other.anHour)
        m.vagueQuantity = join(vagueQuantity, other.vagueQuantity)
        m.am = join(am, other.am)
        m.pm = join(pm, other.pm)
        m.at = join(at, other.at)
        m.currencies = currencies.merging(other.currencies) { mine, _ in mine }
        m.numbers = numbers.merging(other.numbers) { mine, _ in mine }
        m.article = join(article, other.article)
        m.change = join(change, other.change)
        m.changeTo = join(changeTo, other.changeTo)
        m.half = join(half, other.half)
        m.andAHalf = join(andAHalf, other.andAHalf)
        m.quarter = join(quarter, other.quarter)
        m.approximately = join(approximately, other.approximately)
        m.approximatelyAfter = join(approximatelyAfter, other.approximatelyAfter)
        m.filler = join(filler, other.filler)
        m.amend = join(amend, other.amend)
        m.cancel = join(cancel, other.cancel)
        m.rangeFrom = join(rangeFrom, other.rangeFrom)
        m.rangeTo = join(rangeTo, other.rangeTo)
        m.or = join(or, other.or)
        m.negation = join(negation, other.negation)
        m.endings = join(endings, other.endings).sorted { $0.count > $1.count }
        m.caseEndings = join(caseEndings, other.caseEndings).sorted { $0.count > $1.count }
        m.dayBeforeYesterday = join(dayBeforeYesterday, other.dayBeforeYesterday)
        m.lastWeek = join(lastWeek, other.lastWeek)
        m.last = join(last, other.last)
        m.daysAgo = Self.join(daysAgo, other.daysAgo)
        m.weeksAgo = Self.join(weeksAgo, other.weeksAgo)
        m.rating = Self.join(rating, other.rating)
        m.halfPast = Self.join(halfPast, other.halfPast)
        m.quarterPast = Self.join(quarterPast, other.quarterPast)
        m.quarterTo = Self.join(quarterTo, other.quarterTo)
        return m
    }

    /// The items of `a`, then those of `b` that `a` has not.
    private static func join<Item: Equatable>(_ a: [Item], _ b: [Item]) -> [Item] {
        a + b.filter { !a.contains($0) }
    }

    /// `self` with the answer words of `other` added — yes, no, skip, none, and — which work whatever a person's
    /// language setting (a Bulgarian speaker may answer "evet", or list "Ayşe ve Mehmet").
    public func withAnswerWords(of other: Lexicon) -> Lexicon {
        let join: ([String], [String]) -> [String] = Self.join
        var m = self
        m.yes = join(yes, other.yes)
        m.no = join(no, other.no)
        m.skip = join(skip, other.skip)
        m.none = join(none, other.none)
        m.and = join(and, other.and)
        return m
    }
}

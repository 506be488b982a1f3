import Foundation

extension Lexicon {
    /// Key stems of the weekday names, Monday first, as in `words.monday`.
    static let weekdayKeys = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
    /// Key stems of the month names, January first, as in `words.january`.
    static let monthKeys = [
        "january", "february", "march", "april", "may", "june",
        "july", "august", "september", "october", "november", "december",
    ]

    /// The grammar patterns of one `grammar.*` entry (comma-separated); unreadable ones are left out here and
    /// reported by `tandem dialogs check`.
    static func patterns(_ entry: LocaleEntry?) -> [GrammarPattern] {
        (entry?.value.split(separator: ",") ?? []).compactMap { GrammarPattern(String($0)) }
    }

    /// Reads the `words.*` keys of a locale: `words.yes`, `words.no`, `words.skip`, `words.today`,
    /// `words.yesterday`, `words.tomorrow`, `words.monday` … `words.sunday`, `words.january` …
    /// `words.december`, `words.minutes`, `words.hours`, `words.am`, `words.pm`, `words.at`, and `words.currency.<ISO>`
    /// (e.g. `words.currency.BGN = лв, лв., лева`). Values are comma-separated; words are trimmed and
    /// lower-cased. Missing keys leave their list empty. A word listed for two currencies maps to the code that
    /// sorts first.
    /// With `spellingLatin`, every word is also known spelled in the language's Latin letters (``LatinSpelling``).
    public init(entries: [String: LocaleEntry], spellingLatin: Bool = false) {
        self.init()
        let latin = spellingLatin ? LatinSpelling(entries[LatinSpelling.key]) : nil
        func words(_ key: String) -> [String] {
            guard let value = entries[key]?.value else { return [] }
            let words = value.split(separator: ",")
                .map { SlotInput.fold($0.trimmed(Trim.whitespace)) }
                .filter { !$0.isEmpty }
            return latin?.adding(to: words) ?? words
        }
        yes = words("words.yes")
        no = words("words.no")
        skip = words("words.skip")
        today = words("words.today")
        yesterday = words("words.yesterday")
        next = words("words.next")
        tomorrow = words("words.tomorrow")
        weekdays = Self.weekdayKeys.map { words("words.\($0)") }
        months = Self.monthKeys.map { words("words.\($0)") }
        minuteUnits = words("words.minutes")
        hourUnits = words("words.hours")
        anHour = words("words.an_hour")
        vagueQuantity = words("words.vague_quantity")
        am = words("words.am")
        pm = words("words.pm")
        at = words("words.at")
        article = words("words.article")
        change = words("words.change")
        changeTo = words("words.change_to")
        half = words("words.half")
        andAHalf = words("words.and_a_half")
        quarter = words("words.quarter")
        approximately = words("words.approximately")
        approximatelyAfter = words("words.approximately_after")
        filler = words("words.filler")
        amend = words("words.amend")
        cancel = words("words.cancel")
        rangeFrom = words("words.range_from")
        rangeTo = words("words.range_to")
        or = words("words.or")
        and = words("words.and")
        negation = words("words.negation")
        endings = words("words.endings").sorted { $0.count > $1.count }
        caseEndings = words("words.case_endings").sorted { $0.count > $1.count }
        dayBeforeYesterday = words("words.day_before_yesterday")
        lastWeek = words("words.last_week")
        last = words("words.last")
        none = words("words.none")
        daysAgo = Self.patterns(entries["grammar.days_ago"])
        weeksAgo = Self.patterns(entries["grammar.weeks_ago"])
        rating = Self.patterns(entries["grammar.rating"])
        halfPast = Self.patterns(entries["grammar.half_past"])
        quarterPast = Self.patterns(entries["grammar.quarter_past"])
        quarterTo = Self.patterns(entries["grammar.quarter_to"])
        let numberPrefix = "words.number."
        for key in entries.keys.sorted() where key.hasPrefix(numberPrefix) {
            guard let value = Int(key.dropFirst(numberPrefix.count)) else { continue }
            for word in words(key) where numbers[word] == nil { numbers[word] = value }
        }
        let prefix = "words.currency."
        for key in entries.keys.sorted() where key.hasPrefix(prefix) {
            let code = String(key.dropFirst(prefix.count)).uppercased()
            for word in words(key) where currencies[word] == nil {
                currencies[word] = code
            }
        }
    }
}

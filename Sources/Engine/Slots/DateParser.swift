/// `date` answers. Accepted forms (all case-insensitive):
/// - lexicon words for today, yesterday and tomorrow;
/// - a weekday name or abbreviation: with `.past` the most recent such day on or before today (so "saturday"
///   said on a Saturday is today), with `.future` the next one on or after today;
/// - `2026-03-12` (also with `/` or `.`), `12.03.2026`, `12/03/2026`, `12-03-2026`: day first, 4-digit year;
/// - `12.03`, `12.03.`, `12/03`: day first, year inferred — `.past` takes the latest such date not after
///   today, `.future` the earliest not before today;
/// - month names from the lexicon: `12 March`, `March 12`, `12 Mar 2026`, `March 12, 2026`, `12th March`,
///   `12 март 2026 г.`, `12 Mart'ta` (year inferred as above when missing);
/// - not in strict mode, a bare day of the month (`12`): the latest (`.past`) or next (`.future`) 12th.
///
/// Dates that do not exist (31 February, month 13) and years outside 1900–2100 are `error.date.invalid`.
enum DateParser {
    static let years = 1900...2100

    static func parse(_ text: String, in context: SlotParseContext) -> Result<SlotValue, SlotError> {
        let lexicon = context.lexicon
        var words = SlotInput.words(text, dropping: lexicon.indexes.dateDrops)
        var direction = context.dateDirection
        if words.count == 2, SlotInput.matches(words[0], lexicon.last),
           lexicon.weekdays.contains(where: { SlotInput.matches(words[1], $0) }) {
            words.removeFirst()  // "last monday"
            direction = .past
        }
        let answer = words.joined(separator: " ")
        let today = context.today
        let date: CalendarDate?
        if let day = weekdayOfLastWeek(words, lexicon, today: today) {
            date = day
        } else if SlotInput.matches(answer, lexicon.today) {
            date = today
        } else if SlotInput.matches(answer, lexicon.yesterday) {
            date = today.adding(days: -1)
        } else if SlotInput.matches(answer, lexicon.dayBeforeYesterday) {
            date = today.adding(days: -2)
        } else if SlotInput.matches(answer, lexicon.tomorrow) {
            date = today.adding(days: 1)
        } else if let (count, days) = ago(answer, lexicon) {
            date = count <= 3_660 ? today.adding(days: -count * days) : nil
        } else if let index = lexicon.weekdays.firstIndex(where: { SlotInput.matches(answer, $0) }) {
            date = weekday(index + 1, from: today, direction: direction)
        } else if let next = lexicon.next.first(where: { answer.hasPrefix($0 + " ") }),
                  let index = lexicon.weekdays.firstIndex(where: {
                      SlotInput.matches(String(answer.dropFirst(next.count + 1)), $0) }) {
            // "next monday": the first one after today, whichever way the question looks.
            date = weekday(index + 1, from: today.adding(days: 1), direction: .future)
        } else if answer.allSatisfy({ SlotInput.digit($0) != nil || "./-".contains($0) }) {
            date = numeric(answer, in: context)
        } else {
            date = named(answer, in: context)
        }
        guard let date, years.contains(date.year) else { return .failure(SlotError("error.date.invalid")) }
        return .success(.date(date))
    }

    /// Whether `text` names a day relative to today — today, yesterday, the day before, N days or weeks ago —
    /// which cannot be misread, unlike a date worked out from numbers or names.
    static func isRelative(_ text: String, _ lexicon: Lexicon) -> Bool {
        let answer = SlotInput.words(text, dropping: lexicon.indexes.dateDrops).joined(separator: " ")
        return [lexicon.today, lexicon.yesterday, lexicon.dayBeforeYesterday, lexicon.tomorrow]
            .contains { SlotInput.matches(answer, $0) } || ago(answer, lexicon) != nil
    }

    /// `{n} days ago` or `{n} weeks ago` (the lexicon's `grammar.days_ago`, `grammar.weeks_ago`): n, and the days
    /// one counts for.
    static func ago(_ answer: String, _ lexicon: Lexicon) -> (count: Int, days: Int)? {
        guard !lexicon.daysAgo.isEmpty || !lexicon.weeksAgo.isEmpty, answer.utf8.contains(UInt8(ascii: " ")) else {
            return nil
        }
        let tokens = SlotToken.split(answer)
        for (patterns, days) in [(lexicon.daysAgo, 1), (lexicon.weeksAgo, 7)] {
            if let count = patterns.lazy.compactMap({ $0.match(tokens, numbers: lexicon.numbers)?["n"] }).first {
                return (count, days)
            }
        }
        return nil
    }

    /// "last week tuesday", "tuesday last week", "geçen hafta salı": that weekday in the week (Monday to Sunday) before
    /// today's — on a Sunday twelve days ago, where it was read as the last Tuesday, five days ago. Little words around
    /// it (``Lexicon/amend``: "on") are passed over.
    static func weekdayOfLastWeek(_ words: [String], _ lexicon: Lexicon, today: CalendarDate) -> CalendarDate? {
        guard words.count >= 3 else { return nil }
        for phrase in lexicon.lastWeek {
            let parts = phrase.split(separator: " ").map(String.init)
            guard parts.count < words.count else { continue }
            for start in 0...(words.count - parts.count)
            where words[start..<(start + parts.count)].elementsEqual(parts) {
                var rest = words
                rest.removeSubrange(start..<(start + parts.count))
                rest.removeAll { lexicon.amend.contains($0) }
                let weekday = rest.count == 1 ? lexicon.weekdays.firstIndex { SlotInput.matches(rest[0], $0) } : nil
                guard let index = weekday else { continue }
                return today.adding(days: -(today.weekday - 1) - 7 + index)
            }
        }
        return nil
    }

    /// The day with ISO weekday `weekday` (1 = Monday) nearest to `today` in `direction`, `today` included.
    static func weekday(_ weekday: Int, from today: CalendarDate, direction: DateDirection) -> CalendarDate {
        switch direction {
        case .past: return today.adding(days: -((today.weekday - weekday + 7) % 7))
        case .future: return today.adding(days: (weekday - today.weekday + 7) % 7)
        }
    }

    /// Only digits and one kind of separator: `2026-03-12`, `12.03.2026`, `12/03`, `12.03.`, `12`.
    static func numeric(_ text: String, in context: SlotParseContext) -> CalendarDate? {
        guard let separator = text.first(where: { SlotInput.digit($0) == nil }) else {
            guard !context.strict, let day = SlotInput.number(text, maxDigits: 2) else { return nil }
            return inferMonth(day: day, from: context.today, direction: context.dateDirection)
        }
        guard text.allSatisfy({ SlotInput.digit($0) != nil || $0 == separator }) else { return nil }
        var parts = text.split(separator: separator, omittingEmptySubsequences: false)
        if separator == ".", parts.count > 1, parts.last?.isEmpty == true { parts.removeLast() }
        guard parts.allSatisfy({ SlotInput.isDigits($0) }) else { return nil }
        switch parts.count {
        case 3 where parts[0].count == 4:
            return exact(year: parts[0], month: parts[1], day: parts[2])
        case 3:
            return exact(year: parts[2], month: parts[1], day: parts[0])
        case 2 where separator != "-":
            guard let day = SlotInput.number(parts[0], maxDigits: 2),
                  let month = SlotInput.number(parts[1], maxDigits: 2) else { return nil }
            return inferYear(day: day, month: month, from: context.today, direction: context.dateDirection)
        default:
            return nil
        }
    }

    /// Day and month (1–2 digits each) with a 4-digit year.
    static func exact<S: StringProtocol>(year: S, month: S, day: S) -> CalendarDate? {
        guard year.count == 4, let y = SlotInput.number(year, maxDigits: 4),
              let m = SlotInput.number(month, maxDigits: 2), let d = SlotInput.number(day, maxDigits: 2)
        else { return nil }
        return CalendarDate(year: y, month: m, day: d)
    }

    /// Words that may stand between the parts of a date and mean nothing on their own: English and Bulgarian
    /// ordinal endings ("12th", "12-ти") and the Bulgarian year mark ("2026 г.").
    static let fillers: Set<String> = ["st", "nd", "rd", "th", "ти", "ви", "ри", "ми", "г", "год", "-", ",", "."]

    /// A month name with a day and an optional year, in either order: `12 March 2026`, `March 12, 2026`.
    static func named(_ text: String, in context: SlotParseContext) -> CalendarDate? {
        var day: Int?
        var month: Int?
        var year: Int?
        var weekday: Int?
        var order: [Character] = []
        let words = text.split(whereSeparator: { $0.isWhitespace }).map { SlotInput.bare(String($0)) }
        for token in SlotToken.split(words.joined(separator: " ")) {
            let word = SlotInput.bare(token.text)
            switch token.kind {
            case .number where token.text.count == 4 && day != nil && month != nil && year == nil:
                year = SlotInput.number(token.text, maxDigits: 4)
                order.append("y")
            case .number where token.text.count <= 2 && day == nil:
                day = SlotInput.number(token.text, maxDigits: 2)
                order.append("d")
            case .word where weekday == nil && context.lexicon.weekdays.contains { SlotInput.matches(word, $0) }:
                // "tuesday 8 december", "12 Mart Perşembe": the weekday picks the year.
                weekday = (context.lexicon.weekdays.firstIndex { SlotInput.matches(word, $0) } ?? 0) + 1
            case .word where month == nil:
                guard let index = context.lexicon.months.firstIndex(where: { SlotInput.matches(word, $0) }) else {
                    guard fillers.contains(word) else { return nil }
                    continue
                }
                month = index + 1
                order.append("m")
            case .word, .symbol:
                guard fillers.contains(word.isEmpty ? token.text : word) else { return nil }
            default:
                return nil
            }
        }
        guard let day, let month, ["dm", "md", "dmy", "mdy"].contains(String(order)) else { return nil }
        if let year {
            return CalendarDate(year: year, month: month, day: day)
        }
        if let weekday {
            let step = context.dateDirection == .past ? -1 : 1
            for offset in [0, step, -step, 2 * step] {
                if let date = CalendarDate(year: context.today.year + offset, month: month, day: day),
                   date.weekday == weekday { return date }
            }
            return nil  // "monday 12 march" when no nearby 12 March is a Monday: which one was meant?
        }
        return inferYear(day: day, month: month, from: context.today, direction: context.dateDirection)
    }

    /// The latest (`.past`) date with this day and month not after `today`, or the earliest (`.future`) not
    /// before it. Looks up to 8 years away, which always reaches a 29 February.
    static func inferYear(day: Int, month: Int, from today: CalendarDate, direction: DateDirection) -> CalendarDate? {
        let step = direction == .past ? -1 : 1
        for offset in 0...8 {
            guard let date = CalendarDate(year: today.year + offset * step, month: month, day: day) else { continue }
            if direction == .past ? date <= today : date >= today { return date }
        }
        return nil
    }

    /// The latest (`.past`) or next (`.future`) date with this day of the month, `today` included.
    static func inferMonth(day: Int, from today: CalendarDate, direction: DateDirection) -> CalendarDate? {
        let step = direction == .past ? -1 : 1
        for offset in 0...12 {
            let months = today.year * 12 + (today.month - 1) + offset * step
            guard let date = CalendarDate(year: months / 12, month: months % 12 + 1, day: day) else { continue }
            if direction == .past ? date <= today : date >= today { return date }
        }
        return nil
    }
}

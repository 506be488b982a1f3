/// A meeting given as the time it began and the time it ended ("from 14:30 to 15:15", "2:30-3:15pm",
/// "от 14:30 до 15:15", "14:30-15:15 arası"): the flow's start time and its length. Read before the values one by
/// one, which took "15:15" for a length of 15 h 15 min and "2:30" for half past two at night.
extension Prefill {
    /// A time range found in `tokens`: where it stands, the start and the length in minutes.
    struct TimeRange {
        let tokens: Range<Int>
        let start: ClockTime
        let minutes: Int
    }

    /// Takes a time range in `tokens` for the flow's time and length questions — each its only question of that
    /// kind, both in `recognising` and not answered yet — when the rules of both accept it. True when it did.
    func takeTimeRange(_ tokens: inout [String?], recognising: Set<String>, into result: inout Result) -> Bool {
        let questions = flow.states.filter { $0.slotType != nil }
        let times = questions.filter { $0.slotType == .time }
        let lengths = questions.filter { $0.slotType == .duration }
        guard let time = times.first, let length = lengths.first, times.count == 1, lengths.count == 1,
              recognising.contains(time.id), recognising.contains(length.id),
              result.values[time.id] == nil, result.values[length.id] == nil,
              let range = timeRange(in: tokens, length: length) else { return false }
        let start = SlotValue.time(range.start)
        let minutes = SlotValue.duration(minutes: range.minutes)
        guard engine.validate(start, for: time, context) == nil, engine.validate(minutes, for: length, context) == nil
        else { return false }
        result.values[time.id] = start
        result.values[length.id] = minutes
        for index in range.tokens { tokens[index] = nil }
        result.readInContext = true
        return true
    }

    /// The first time range in `tokens`: [a word for "from"] TIME (a word for "to" | "-") TIME, or TIME-TIME in one
    /// token. At least one of the two times is written as one (`14:30`, `3pm`), or "from" stands before them and the
    /// range ends clearly: "2-3 hours", "2 to 3 topics" and "from 2 to 3 rooms" are no times. An hour unit after the
    /// end makes two lengths — unless `length`'s rules refuse such a length: "от 10 до 11 ч." is from 10:00 to 11:00.
    /// The start takes the end's "pm" when it has none of its own.
    func timeRange(in tokens: [String?], length: FlowState) -> TimeRange? {
        let lexicon = engine.localizer.lexicon(context.language)
        let word = { (index: Int) -> String? in
            guard index < tokens.count, let token = tokens[index] else { return nil }
            return SlotInput.words(token).first ?? token
        }
        for index in tokens.indices where tokens[index] != nil {
            let from = word(index).map { lexicon.rangeFrom.contains($0) } ?? false
            let first = from ? index + 1 : index
            guard first < tokens.count, let firstToken = tokens[first] else { continue }
            // "14:30-15:15", "14:30–15:15" in one token.
            if let dash = firstToken.firstIndex(where: { $0 == "-" || $0 == "–" }), dash != firstToken.startIndex {
                let end = String(firstToken[firstToken.index(after: dash)...])
                guard let unit = unitAfter(first, ending: end, tokens, length) else { continue }
                if let found = range(String(firstToken[..<dash]), end,
                                     marked: unit.hours || (from && endsClearly(first, tokens)), lexicon) {
                    return TimeRange(tokens: index..<(unit.last + 1), start: found.start, minutes: found.minutes)
                }
                continue
            }
            guard let separator = word(first + 1), first + 2 < tokens.count, let endToken = tokens[first + 2],
                  lexicon.rangeTo.contains(separator) || separator == "-" || separator == "–" else { continue }
            // "3:15 pm" in two tokens.
            var last = first + 2
            var end = endToken
            if let marker = word(first + 3), lexicon.am.contains(marker) || lexicon.pm.contains(marker) {
                end += " " + (tokens[first + 3] ?? "")
                last = first + 3
            }
            guard let unit = unitAfter(last, ending: end, tokens, length),
                  let found = range(firstToken, end, marked: unit.hours || (from && endsClearly(last, tokens)),
                                    lexicon) else {
                continue
            }
            return TimeRange(tokens: index..<(unit.last + 1), start: found.start, minutes: found.minutes)
        }
        return nil
    }

    /// Whether a range of two bare numbers ends at `index`: the message ends there, or a comma or full stop does, or
    /// a little word follows ("from 10 to 11 we …"). "moving from 2 to 3 rooms" is no meeting from 14:00 to 15:00.
    private func endsClearly(_ index: Int, _ tokens: [String?]) -> Bool {
        guard let token = tokens[index], let last = token.last, !",.;!".contains(last) else { return true }
        guard index + 1 < tokens.count, let next = tokens[index + 1] else { return true }
        let lexicon = engine.localizer.lexicon(context.language)
        let word = SlotInput.words(next).first ?? ""
        return lexicon.filler.contains(word) || lexicon.amend.contains(word) || next.hasSuffix(":")
    }

    /// What follows a range ending at `index` with `end`: no unit (`last` is `index`); an hour unit that makes the
    /// end an hour of the clock, since `length`'s rules refuse `end` hours ("до 11 ч.": `hours`, and `last` is the
    /// unit's index); or — nil — a unit of a length: "2 to 3 hours" is no time range.
    private func unitAfter(_ index: Int, ending end: String, _ tokens: [String?], _ length: FlowState)
        -> (last: Int, hours: Bool)?
    {
        guard index + 1 < tokens.count, let next = tokens[index + 1], let word = SlotInput.words(next).first else {
            return (index, false)
        }
        let lexicon = engine.localizer.lexicon(context.language)
        guard lexicon.isUnit(word) else { return (index, false) }
        guard SlotInput.matches(word, lexicon.hourUnits), SlotInput.isDigits(end), SlotInput.number(end) != nil,
              case .failure = engine.parse(end + " " + next, for: length, context) else { return nil }
        return (index + 1, true)
    }

    /// The start and length of `start`–`end` when both read as times and at least one is written as a time (or
    /// `marked` by "from"); the start moves to the afternoon when that gives the shorter meeting ("2:30 to 3:15pm").
    private func range(_ start: String, _ end: String, marked: Bool, _ lexicon: Lexicon)
        -> (start: ClockTime, minutes: Int)?
    {
        var loose = SlotParseContext(today: context.today, lexicon: lexicon)
        loose.strict = false
        var strict = loose
        strict.strict = true
        guard case .success(.time(let from)) = SlotParser.parse(start, as: .time, in: loose),
              case .success(.time(let to)) = SlotParser.parse(end, as: .time, in: loose) else { return nil }
        let written = { (text: String) in
            if case .success = SlotParser.parse(text, as: .time, in: strict) { return true }
            return false
        }
        guard marked || written(start) || written(end) else { return nil }
        let stated = lexicon.am.contains { SlotInput.removing(marker: $0, from: start.lowercased()) != nil }
            || lexicon.pm.contains { SlotInput.removing(marker: $0, from: start.lowercased()) != nil }
        var candidates = [from]
        if !stated, from.hour < 12, let later = ClockTime(hour: from.hour + 12, minute: from.minute) {
            candidates.append(later)
        }
        let lengths = candidates.compactMap { candidate -> (ClockTime, Int)? in
            let minutes = to.minutesSinceMidnight - candidate.minutesSinceMidnight
            return minutes > 0 ? (candidate, minutes) : nil
        }
        guard let best = lengths.min(by: { $0.1 < $1.1 }) else { return nil }
        return (best.0, best.1)
    }
}

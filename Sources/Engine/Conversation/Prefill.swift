import Foundation

/// Fills as many of a flow's questions as one message allows: "log yesterday 45 min topics: visa rules".
///
/// Labelled parts (`topics: …`, using each question's `label:` words) go to their question; in the rest,
/// unambiguous dates, times, durations and amounts are recognised in strict mode. Everything is validated
/// with the question's rules; what fails is reported and asked for normally.
struct Prefill {
    let engine: Engine
    let flow: Flow
    let context: TurnContext

    /// What a question's rules refused: whose answer it was, the words, and why.
    typealias Refusal = (question: String, source: String, error: SlotError)

    struct Result {
        var values: [String: SlotValue] = [:]
        var rejected: [Refusal] = []
        /// Optional `from message:` arguments the message did not give: not asked.
        var skipped: Set<String> = []
        /// The words of the message that no labelled part and no recognised value took.
        var unread = ""
        /// Whether the time was read with what stands around it in the message — a range ("from 14:30 to 15:15"), or
        /// the part of the day of the date said with it ("yesterday at 7") —, which says it better than its words.
        var readInContext = false
        /// A date said with a part of the day ("this evening": true), for a time said later without one.
        var dayPart: (date: CalendarDate, afternoon: Bool)?
    }

    /// Types recognised without a label. Text, lists, numbers and choices need one.
    static let recognisable: Set<SlotType> = [.date, .time, .duration, .money]
    /// Refusals of words that give two values of the kind asked ("2-3 hours"): found, not passed over.
    static let twoValues: Set<String> = ["error.duration.range", "error.money.several"]
    /// The most words a value of each kind takes in a message: "the day before yesterday", "about 2:30 pm",
    /// "three quarters of an hour", "12 ya da 15 TL" (two amounts, found to be asked about).
    private static let maxWindow: [SlotType: Int] = [.date: 4, .time: 4, .duration: Engine.valueWords, .money: 5]

    func extract(from text: String, attachments: [AttachmentRef]) -> Result {
        var result = Result()
        let questions = flow.states.filter { $0.slotType != nil }
        if !attachments.isEmpty, let slot = questions.first(where: { $0.slotType == .attachment }) {
            let files = SlotValue.attachments(attachments)
            if let error = engine.validate(files, for: slot, context) {
                result.rejected.append((slot.id, attachments.map(\.filename).joined(separator: ", "), error))
            } else {
                result.values[slot.id] = files
            }
        }
        if !flow.arguments.isEmpty {
            arguments(in: text, into: &result)
            return result
        }
        if let whole = questions.first(where: \.fromMessage) {
            if !text.isEmpty { accept(text, for: whole, strict: false, into: &result) }
            return result
        }
        values(in: text, recognising: Set(questions.map(\.id)), into: &result)
        return result
    }

    /// A later message of the flow: its labelled parts ("amount: 520 eur"), and unambiguous values for the questions
    /// in `open`. `startsWithLabel` says whether the message begins with a label.
    func later(_ text: String, open: Set<String>) -> (result: Result, startsWithLabel: Bool) {
        var result = Result()
        let tokens = Self.tokenize(text)
        let first = labelPositions(tokens, flow.states.filter { $0.slotType != nil }).first
        values(in: text, recognising: open, into: &result)
        return (result, first?.start == 0)
    }

    /// The labelled parts of `text`, then unambiguous unlabelled values for the questions in `recognising`.
    private func values(in text: String, recognising: Set<String>, into result: inout Result) {
        let questions = flow.states.filter { $0.slotType != nil }
        var tokens = Self.tokenize(text)
        guard !tokens.isEmpty else { return }

        // Labelled segments: a label token ("topics:") up to the next label.
        let labels = labelPositions(tokens, questions)
        for (offset, label) in labels.enumerated() {
            let end = offset + 1 < labels.count ? labels[offset + 1].start : tokens.count
            let valueRange = label.end..<end
            let source = tokens[valueRange].compactMap { $0 }.joined(separator: " ")
                .trimmed(Trim.any(of: " ,;"))
            for index in label.start..<end { tokens[index] = nil }
            guard !source.isEmpty, result.values[label.state.id] == nil else { continue }
            accept(source, for: label.state, strict: false, into: &result)
        }

        _ = takeTimeRange(&tokens, recognising: recognising, into: &result)
        let lexicon = engine.localizer.lexicon(context.language)
        // The part of the day a date in this message says ("this evening", "тази сутрин", "bu akşam"), for a time
        // said without one — instead of the one the conversation's date was said with.
        var dayPart = context.dayPart
        // Unlabelled, unambiguous values in what is left, question by question in flow order.
        for question in questions where result.values[question.id] == nil && recognising.contains(question.id) {
            guard let type = question.slotType, Self.recognisable.contains(type) || question.spotted else { continue }
            let found = question.spotted
                ? engine.spottedOption(of: question, in: tokens, context) : find(question, in: tokens)
            guard let (range, source, parsed) = found else { continue }
            for index in range { tokens[index] = nil }
            switch parsed {
            case .success(let value) where type == .date:
                result.values[question.id] = value
                dayPart = lexicon.afternoon(in: source)
                if let dayPart, case .date(let date) = value { result.dayPart = (date, dayPart) }
            case .success(let value) where type == .time && dayPart != context.dayPart:
                // "this evening at 7" is 19:00, "yesterday at 7" 07:00: the time read again in the date's part of
                // the day.
                var said = context
                said.dayPart = dayPart
                let read = try? engine.parse(source, for: question, said, strict: true).get()
                result.values[question.id] = read ?? value
                result.readInContext = true
            case .success(let value):
                // Two amounts in one message ("taxi 20€ and 5€ tip", "45 eur, sorry 54 eur"): which one is asked.
                if type == .money, case (let other, let words, .success(let second))? = find(question, in: tokens),
                   second != value {
                    for index in other { tokens[index] = nil }
                    result.rejected.append((question.id, source + ", " + words, SlotError("error.money.several")))
                } else {
                    result.values[question.id] = value
                }
            case .failure(let error):
                if let read = hourOfTheClock(source, refused: error, asLength: question, recognising, result) {
                    result.values.merge(read) { _, clock in clock }
                } else {
                    result.rejected.append((question.id, source, error))
                }
            }
        }

        result.unread = tokens.compactMap { $0 }.joined(separator: " ")

        // Answers marked by a phrase in what is left: "talked about budgets", "bütçeyi konuştuk".
        let marked = questions.filter { result.values[$0.id] == nil && $0.phrases != nil && recognising.contains($0.id) }
        guard !marked.isEmpty, tokens.contains(where: { $0 != nil }) else { return }
        let words = tokens.map { $0 ?? "" }
        let folded = words.map { SlotInput.words($0).first ?? "" }
        var used = tokens.map { $0 == nil }
        for question in marked {
            for phrase in engine.phrases(of: question, context) {
                guard let (source, range) = phrase.capture(words, folded: folded, used: used) else { continue }
                for index in range { used[index] = true }
                accept(source, for: question, strict: false, into: &result)
                break
            }
        }
    }

    /// `from message: {claim} {reason}`: each argument but the last takes one word (`#12`, `12.` and `12:` read as
    /// `12`), the last takes the rest. A missing optional argument is skipped; a missing required one is asked.
    private func arguments(in text: String, into result: inout Result) {
        var rest = Substring(text)
        for (index, name) in flow.arguments.enumerated() {
            guard let question = flow.state(name) else { continue }
            rest = rest.drop { $0.isWhitespace }
            var word: String
            if index == flow.arguments.count - 1 {
                word = rest.trimmed(Trim.whitespaceOrNewline)
                rest = ""
            } else {
                let end = rest.firstIndex(where: \.isWhitespace) ?? rest.endIndex
                word = String(rest[..<end])
                rest = rest[end...]
            }
            if question.slotType != .text, question.slotType != .list {
                if word.hasPrefix("#") { word.removeFirst() }
                while let last = word.last, ".:,".contains(last) { word.removeLast() }
            }
            if !word.isEmpty {
                accept(word, for: question, strict: false, into: &result)
            } else if question.optional {
                result.skipped.insert(name)
            }
        }
    }

    private func accept(_ source: String, for question: FlowState, strict: Bool, into result: inout Result) {
        switch engine.parse(source, for: question, context, strict: strict) {
        case .success(let value): result.values[question.id] = value
        case .failure(let error): result.rejected.append((question.id, source, error))
        }
    }

    /// The first window of consecutive unused tokens (longest first) that parses strictly, with the outcome of
    /// the question's rules (a meeting "tomorrow" is recognised as a date, then refused with a reason).
    private func find(_ question: FlowState, in tokens: [String?])
        -> (Range<Int>, String, Swift.Result<SlotValue, SlotError>)?
    {
        let lexicon = engine.localizer.lexicon(context.language)
        let valueWords = lexicon.valueWords
        for start in tokens.indices {
            guard let first = tokens[start] else { continue }
            // A value starts with a digit or a word of the grammar: other words are not parsed at all.
            if let valueWords, !first.contains(where: \.isNumber),
               !valueWords.contains(Self.leadingWord(of: first)) { continue }
            // Nor does a time begin with the unit of a length counted before it: the "hours" of "2 hours from 7pm"
            // ("saat 3" is a time; "2 saat" is not one).
            if question.slotType == .time, start > 0, tokens[start - 1].map(lexicon.counts) == true,
               lexicon.lengthUnit(SlotInput.words(first).first ?? "") != nil { continue }
            for length in stride(from: Self.maxWindow[question.slotType ?? .text] ?? 1, through: 1, by: -1) {
                let range = start..<(start + length)
                guard range.upperBound <= tokens.count else { continue }
                let words = tokens[range].compactMap { $0 }
                guard words.count == length else { continue }
                let candidate = words.joined(separator: " ").trimmed(Trim.any(of: ",;"))
                let recognised = engine.recognise(candidate, for: question, context, strict: true)
                // A value does not end on a word that leads the next: the "в" of "вчера в 15 ч." belongs to the
                // time after it, the "about" of "45 min about visas" to the topics.
                let endsOnALeadingWord = {
                    length > 1 && lexicon.leadsAValue(SlotInput.words(words[length - 1]).first ?? "")
                }
                // Two values where one is asked ("2-3 hours") are found, to be refused and asked about.
                if case .failure(let error) = recognised, Self.twoValues.contains(error.key), !endsOnALeadingWord() {
                    return (range, candidate, .failure(error))
                }
                guard case .success(let value) = recognised, !endsOnALeadingWord() else { continue }
                let next = range.upperBound < tokens.count ? tokens[range.upperBound] : nil
                // Nor on a unit that starts a length after it: the "час" of "в 15:00 час и половина".
                if length > 1, question.slotType != .duration, next != nil,
                   startsALength(words[length - 1], then: tokens[range.upperBound...], lexicon) {
                    continue
                }
                if question.slotType == .time, let next, countsWhatFollows(words, next, lexicon) { continue }
                // A time goes on into the part of the day after it: "at 7 in the evening" is read from "7".
                if question.slotType == .time, next != nil,
                   lexicon.dayPart(startingAt: tokens[range.upperBound...]) != nil {
                    continue
                }
                // A length without a number (a bare "час", "saat") is not one right before a number: "saat 15te" is
                // a time. Nor is it one right after what counts it: a number's unit ("hours" in "2-3 hours"), a
                // vague count ("birkaç saat": a few hours).
                if question.slotType == .duration, !candidate.contains(where: \.isNumber),
                   next?.first?.isNumber == true || (start > 0 && tokens[start - 1].map(lexicon.counts) == true) {
                    continue
                }
                let checked = engine.validate(value, for: question, context).map { Swift.Result<SlotValue, SlotError>.failure($0) }
                return (range, candidate, checked ?? .success(value))
            }
        }
        return nil
    }

    /// What `source` gives when its length was refused as too long but it begins with an hour of the clock — for the
    /// flow's only time question, open and not answered yet: "15 ч." is a start at 15:00, no meeting of 15 hours, and
    /// "15 ч. 45 мин" a start at 15:00 and a length of 45 min. "10 hours" stays a length (refused): an hour up to 12
    /// with a unit is how long, not when.
    private func hourOfTheClock(_ source: String, refused error: SlotError, asLength length: FlowState,
                                _ recognising: Set<String>, _ result: Result) -> [String: SlotValue]? {
        guard length.slotType == .duration, error.key == "error.duration.max" else { return nil }
        let times = flow.states.filter { $0.slotType == .time }
        guard times.count == 1, let time = times.first, recognising.contains(time.id), result.values[time.id] == nil
        else { return nil }
        let words = source.split(separator: " ")
        for end in words.indices {
            // The hour with its unit ("15 ч.", "14h"), not a bare number: "20 45 min" is nothing.
            let hour = words[...end].joined(separator: " ")
            guard hour.contains(where: \.isLetter), case .success(let start) = engine.parse(hour, for: time, context)
            else { continue }
            let rest = words[(end + 1)...].joined(separator: " ")
            if rest.isEmpty { return [time.id: start] }
            if case .success(let minutes) = engine.parse(rest, for: length, context, strict: true) {
                return [time.id: start, length.id: minutes]
            }
        }
        return nil
    }

    /// The folded first word of `token`, up to a hyphen: "два-три" may be two numbers ("два-три часа").
    private static func leadingWord(of token: String) -> String {
        let word = SlotInput.words(token).first ?? ""
        guard let hyphen = word.firstIndex(of: "-"), hyphen != word.startIndex else { return word }
        return String(word[..<hyphen])
    }

    /// Whether the number a time window ends on counts the word after it: a unit ("about 3 hours" is a length), or,
    /// for an hour said roughly, any word that is no value's and leads none ("about 3 topics" is no time; "around 3
    /// for an hour", "около 3 вчера", "3 gibi görüştük" are).
    private func countsWhatFollows(_ window: [String], _ next: String, _ lexicon: Lexicon) -> Bool {
        // The window ends on the number ("3", "2ish"; not "3 gibi"), and no comma ends what it counts ("в 3, час и
        // половина" starts at 3).
        guard let last = window.last, last.last.map(",;".contains) != true, next.first?.isLetter == true,
              let number = SlotInput.words(last, dropping: lexicon.indexes.approximations).first,
              number.allSatisfy(\.isNumber) else { return false }
        let word = Self.leadingWord(of: next)
        if lexicon.isUnit(word) { return true }
        let text = window.joined(separator: " ")
        guard SlotInput.words(text, dropping: lexicon.indexes.approximations) != SlotInput.words(text) else {
            return false
        }
        return lexicon.valueWords?.contains(word) != true && !lexicon.leadsAValue(word) && !lexicon.and.contains(word)
    }

    /// Whether `unit`, an hour or minute word, reads as a length with the words that follow it ("час и половина").
    private func startsALength(_ unit: String, then following: ArraySlice<String?>, _ lexicon: Lexicon) -> Bool {
        guard let word = SlotInput.words(unit).first, lexicon.isUnit(word) else { return false }
        let parse = engine.parseContext(for: nil, context, strict: true)
        var words = [unit]
        for token in following.prefix(3) {
            guard let token else { break }
            words.append(token)
            if case .success = SlotParser.parse(words.joined(separator: " "), as: .duration, in: parse) { return true }
        }
        return false
    }

    private struct LabelPosition {
        let start: Int
        let end: Int
        let state: FlowState
    }

    /// Where each question's label words appear as `word:` (possibly several words: "next steps:").
    private func labelPositions(_ tokens: [String?], _ questions: [FlowState]) -> [LabelPosition] {
        // Every label ends with its colon: a message with no word ending in one (most answers) has none.
        let endsWithColon = tokens.map { $0?.utf8.last == UInt8(ascii: ":") }
        guard endsWithColon.contains(true) else { return [] }
        // Each label as the text its tokens must read, how many tokens it spans and whose it is.
        var labels: [(phrase: String, length: Int, question: Int)] = []
        for (number, question) in questions.enumerated() {
            guard let key = question.label else { continue }
            for word in engine.localizer.words(key, context.language) {
                labels.append((word + ":", word.utf8.split(separator: UInt8(ascii: " ")).count, number))
            }
        }
        let lowered = tokens.map { $0?.lowercased() }
        var found: [LabelPosition] = []
        var index = 0
        while index < tokens.count {
            var matched: (end: Int, question: Int)?
            for label in labels {
                let end = index + label.length
                guard end <= tokens.count, (matched?.end ?? 0) < end, endsWithColon[end - 1] else { continue }
                let phrase = label.length == 1
                    ? lowered[index] ?? "" : lowered[index..<end].compactMap { $0 }.joined(separator: " ")
                if phrase == label.phrase { matched = (end, label.question) }
            }
            if let matched {
                found.append(LabelPosition(start: index, end: matched.end, state: questions[matched.question]))
                index = matched.end
            } else {
                index += 1
            }
        }
        return found
    }

    /// Splits on white space, detaching a colon that ends a word ("topics:visa" → "topics:", "visa")
    /// but keeping times ("14:30") whole.
    static func tokenize(_ text: String) -> [String?] {
        let scalars = Array(text.unicodeScalars)
        var spaced = String.UnicodeScalarView()
        for (index, scalar) in scalars.enumerated() {
            spaced.append(scalar)
            guard scalar == ":" else { continue }
            let isTime = index > 0 && scalars[index - 1].properties.numericType != nil
                && index + 1 < scalars.count && scalars[index + 1].properties.numericType != nil
            if !isTime { spaced.append(" ") }
        }
        return String(spaced).split(whereSeparator: \.isWhitespace).map { String($0) }
    }
}

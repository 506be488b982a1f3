/// How an answer written as people write it is read: a sentence around the value ("Hi, we started at 2:30pm."),
/// "nothing" to an optional question, a phrase that marks the answer ("we talked about budgets"), and the
/// doubts that are asked before a value is kept (a bare number for a date, a date outside the programme).
extension Engine {
    /// The reserved slot holding a value waiting for the person's "yes" (`ConversationState.slots`; question ids
    /// never start with a dot, so it can be neither an answer nor sent to an action).
    static let pendingKey = ".pending"
    /// The date a flow's first message said with a part of the day ("log this evening": `afternoonKey`, "this
    /// morning": `morningKey`): while it is still the date answered, a time said without one is in that part.
    static let afternoonKey = ".afternoon"
    static let morningKey = ".morning"

    /// The part of the day `state`'s date was said with, while that date is still the answer (nil: none said).
    func dayPart(saidWith state: ConversationState) -> Bool? {
        guard let flow = state.flow.flatMap(catalog.flow) else { return nil }
        let dates = flow.states.filter { $0.slotType == .date }.compactMap { state.slots[$0.id] }
        if let said = state.slots[Self.afternoonKey], dates.contains(said) { return true }
        if let said = state.slots[Self.morningKey], dates.contains(said) { return false }
        return nil
    }

    /// Types whose value may be picked out of a longer sentence.
    static let pickable: Set<SlotType> = [.date, .time, .duration, .money, .integer]
    /// The most words a value spans inside a sentence ("an hour and a half").
    static let valueWords = 6

    /// Whether `text` says "nothing" (or "skip") — which skips an optional question.
    func saysNothing(_ text: String, _ context: TurnContext) -> Bool {
        let lexicon = localizer.lexicon(context.language)
        let said = SlotInput.words(text).joined(separator: " ")
        // "nooo", "nopeee": a letter held for emphasis is read once.
        return ([said] + SlotInput.withoutHeldLetters(said)).contains { answer in
            lexicon.skip.contains(answer) || lexicon.none.contains(answer) || lexicon.no.contains(answer)
        }
    }

    /// The answer to `question` in `text`: as a whole; else the part a marking phrase points at; else, for values,
    /// the first part of a sentence that reads as one. Rules are checked; a bare "yes" is no answer to a text.
    func interpret(_ text: String, for question: FlowState, _ context: TurnContext, offered: [String]? = nil)
        -> Result<SlotValue, SlotError>
    {
        guard let type = question.slotType else { return .failure(SlotError("error.empty")) }
        if type == .text || type == .list, isJustYesOrNo(text, context) {
            return .failure(SlotError("engine.answer.just_yes"))
        }
        let whole = parse(marked(text, for: question, context) ?? text, for: question, context, offered: offered)
        // Only an answer that could not be read at all is searched for a value; a specific objection stands.
        guard case .failure(let error) = whole, error.isUnreadable(as: type) else { return whole }
        if question.spotted, let (_, _, option) = spottedOption(of: question, in: Prefill.tokenize(text), context) {
            return option
        }
        guard Self.pickable.contains(type) else { return whole }
        let tokens = Self.sentenceTokens(text)
        if type == .integer, let said = saidNumber(in: tokens, for: question, context) {
            return said.flatMap { number in validate(number, for: question, context).map { .failure($0) } ?? said }
        }
        // A length is no start time, nor are two of them ("2 or 3 hours"): no hour is picked out of it.
        if type == .time,
           case .failure(let error) = SlotParser.parse(
               text, as: .duration, in: parseContext(for: nil, context, strict: true)),
           error.key == "error.duration.range" {
            return .failure(SlotError("error.time.duration"))
        }
        // Loosely (a bare "11" in "around 11 I think") only for times and numbers: a bare number is no date.
        for strict in type == .time || type == .integer ? [true, false] : [true] {
            if let value = firstValue(in: tokens, for: question, context, strict: strict) {
                return validate(value, for: question, context).map { .failure($0) } ?? .success(value)
            }
        }
        return whole
    }

    /// Whether `text` is a bare "yes" or "no" ("ok", "yes sure"), no answer to a text question. "добре беше" ("it
    /// was good") is one, though "добре" alone is a "yes".
    private func isJustYesOrNo(_ text: String, _ context: TurnContext) -> Bool {
        let lexicon = localizer.lexicon(context.language)
        let words = SlotInput.words(text)
        guard words.count <= 2, case .success = YesNoParser.parse(text, lexicon: lexicon) else { return false }
        let yesOrNo = { (word: String) in lexicon.yes.contains(word) || lexicon.no.contains(word) }
        return words.allSatisfy { yesOrNo($0) || SlotInput.withoutHeldLetters($0).contains(where: yesOrNo) }
    }

    /// The number a sentence says, written in digits or as a number word: its one number, whatever words of the
    /// scale are around it ("pretty useful, 3"); of several, what the part from the first to the last says as one
    /// ("4 out of 5"), else `error.integer.several` ("2 or 3": which one is asked). Nil when it has no number.
    private func saidNumber(in tokens: [String?], for question: FlowState, _ context: TurnContext)
        -> Result<SlotValue, SlotError>?
    {
        let words = localizer.lexicon(context.language).numbers
        let numbers = tokens.enumerated().compactMap { index, token in
            token.flatMap { Int($0) ?? words[$0] }.map { (index, $0) }
        }
        guard let first = numbers.first, let last = numbers.last else { return nil }
        if numbers.allSatisfy({ $0.1 == first.1 }) { return .success(.integer(first.1)) }
        let part = tokens[first.0...last.0].compactMap { $0 }.joined(separator: " ")
        if case .success(let value) = recognise(part, for: question, context, strict: true) { return .success(value) }
        return .failure(SlotError("error.integer.several"))
    }

    /// The part of `text` a phrase marking `question`'s answer points at ("we talked about budgets"), if any.
    private func marked(_ text: String, for question: FlowState, _ context: TurnContext) -> String? {
        phrases(of: question, context).lazy.compactMap { $0.capture(in: text) }.first
    }

    /// A sentence's tokens as the value windows read them: each token's words, punctuation dropped — but a number
    /// with a suffix that says "at" ("11'de") kept as typed, for the time parser to see it.
    static func sentenceTokens(_ text: String) -> [String?] {
        Prefill.tokenize(text).map { token in
            token.map { SlotInput.hasNumberSuffix($0) ? $0 : SlotInput.words($0).joined(separator: " ") }
        }
    }

    /// The first value of `question`'s type in a window of `tokens`, longest window first at each place (one
    /// token at a time when not `strict`). A length without a number is none after what counts it: "birkaç saat"
    /// (a few hours) is no hour. Nor are a scale's words a rating when a negation outside them turns them round:
    /// "not great", "it wasn't very useful", "faydalı değil" are asked ("not useful", a phrase of the scale, is one).
    private func firstValue(in tokens: [String?], for question: FlowState, _ context: TurnContext,
                            strict: Bool) -> SlotValue? {
        let lexicon = localizer.lexicon(context.language)
        let negations = question.slotType == .integer
            ? tokens.indices.filter { tokens[$0].map(lexicon.negates) == true } : []
        for start in tokens.indices {
            let counted = question.slotType == .duration && start > 0 && tokens[start - 1].map(lexicon.counts) == true
            for length in stride(from: strict ? Self.valueWords : 1, through: 1, by: -1) {
                guard start + length <= tokens.count else { continue }
                let window = start..<(start + length)
                let candidate = tokens[window].compactMap { $0 }.joined(separator: " ")
                let turnedRound = !negations.isEmpty && !negations.contains(where: window.contains)
                let unsaid = candidate.contains(where: \.isNumber) ? false : counted || turnedRound
                if !candidate.isEmpty, !unsaid,
                   case .success(let value) = recognise(candidate, for: question, context, strict: strict) {
                    return value
                }
            }
        }
        return nil
    }

    /// Whether a time answer was only a bare number inside a sentence: "it was the 3 of us" is no start at
    /// 15:00 unless the person says so. Not when the whole answer, its marked part or a part that says it is a time
    /// ("at 3", "3pm", "14:30") reads as one.
    private func timeReadLoosely(from text: String, for question: FlowState, _ context: TurnContext) -> Bool {
        guard question.slotType == .time, SlotInput.words(text).count > 1,
              case .failure = recognise(marked(text, for: question, context) ?? text, for: question, context,
                                        strict: false) else { return false }
        return firstValue(in: Self.sentenceTokens(text), for: question, context, strict: true) == nil
    }

    /// The phrases that mark `question`'s answer in a sentence, in the person's language and the others'.
    func phrases(of question: FlowState, _ context: TurnContext) -> [AnswerPhrase] {
        guard let key = question.phrases else { return [] }
        return answerPhrases[key]?[Localizer.language(of: context.language)]
            ?? localizer.wordsInAnyLanguage(key, context.language).compactMap(AnswerPhrase.init)
    }

    /// Why `value`, read from `text` as the answer to `question`, should be confirmed before it is kept — a bare
    /// number read as a date, a date outside the programme, a time read from a bare number in a sentence — as the
    /// text to say; nil when nothing is in doubt.
    func doubt(about value: SlotValue, from text: String, for question: FlowState, _ context: TurnContext) -> String? {
        if case .time = value, timeReadLoosely(from: text, for: question, context) {
            return say("engine.answer.time_check", context, ["time": localizer.display(value, context.language)])
        }
        guard case .date(let date) = value else { return nil }
        let arguments = ["date": date.iso, "weekday": weekdayName(date, context)]
        // "yesterday", "2 days ago" cannot be misread: only a date worked out from numbers or names is checked.
        let relative = DateParser.isRelative(text, localizer.lexicon(context.language))
        if let days = context.programmeDays, !days.contains(date), !relative {
            return say("engine.answer.date_outside", context, arguments.merging([
                "from": days.lowerBound.iso, "to": days.upperBound.iso,
            ]) { $1 })
        }
        let bare = SlotInput.words(text)
        if bare.count == 1, bare[0].count <= 2, bare[0].allSatisfy(\.isNumber) {
            return say("engine.answer.date_check", context, arguments)
        }
        return nil
    }

    /// The weekday of `date` as the person's language writes it in a sentence (`format.weekdays`: "Monday",
    /// "понеделник", "Pazartesi").
    private func weekdayName(_ date: CalendarDate, _ context: TurnContext) -> String {
        let names = localizer.labels(EngineText.weekdays, context.language)
        return names.count == 7 ? names[date.weekday - 1] : ""
    }

    /// The one option of a `spotted` choice question that the words left name ("taxi", "every 2 weeks"): whole
    /// words of its labels, never a number alone ("2", "bir": an option's position) — nil when none does, or two
    /// different ones do ("lunch and the train": which is asked).
    func spottedOption(of question: FlowState, in tokens: [String?], _ context: TurnContext)
        -> (Range<Int>, String, Result<SlotValue, SlotError>)?
    {
        let lexicon = localizer.lexicon(context.language)
        var spotted: (range: Range<Int>, words: String, value: SlotValue)?
        var start = 0
        // Longest first, and no word in two names: the "haftada bir" (weekly) inside "iki haftada bir".
        next: while start < tokens.count {
            for length in stride(from: Self.optionWords, through: 1, by: -1) where start + length <= tokens.count {
                let words = tokens[start..<(start + length)].compactMap { $0 }
                guard words.count == length else { continue }
                let bareNumber = length == 1
                    && (words[0].contains(where: \.isNumber) || lexicon.numbers[SlotInput.fold(words[0])] != nil)
                guard !bareNumber else { continue }
                let candidate = words.joined(separator: " ").trimmed(Trim.any(of: ",;.!?"))
                guard case .success(let value) = recognise(candidate, for: question, context, strict: true)
                else { continue }
                if let spotted, spotted.value != value { return nil }
                if spotted == nil { spotted = (start..<(start + length), candidate, value) }
                start += length
                continue next
            }
            start += 1
        }
        guard let spotted else { return nil }
        let refused = validate(spotted.value, for: question, context)
        return (spotted.range, spotted.words, refused.map { .failure($0) } ?? .success(spotted.value))
    }

    /// The most words an option's name takes in a sentence ("food and refreshments").
    private static let optionWords = 3
}

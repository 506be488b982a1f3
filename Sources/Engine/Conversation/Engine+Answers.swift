/// How an answer written as people write it is read: a sentence around the value ("Hi, we started at 2:30pm."),
/// "nothing" to an optional question, a phrase that marks the answer ("we talked about budgets"), and the
/// doubts that are asked before a value is kept (a bare number for a date, a date outside the programme).
extension Engine {
    /// The reserved slot holding a value waiting for the person's "yes" (`ConversationState.slots`; question ids
    /// never start with a dot, so it can be neither an answer nor sent to an action).
    static let pendingKey = ".pending"

    /// Types whose value may be picked out of a longer sentence.
    private static let pickable: Set<SlotType> = [.date, .time, .duration, .money, .integer]
    /// The most words a value spans inside a sentence ("an hour and a half").
    static let valueWords = 6

    /// Whether `text` says "nothing" (or "skip") — which skips an optional question.
    func saysNothing(_ text: String, _ context: TurnContext) -> Bool {
        let lexicon = localizer.lexicon(context.language)
        let answer = SlotInput.words(text).joined(separator: " ")
        return lexicon.skip.contains(answer) || lexicon.none.contains(answer) || lexicon.no.contains(answer)
    }

    /// The answer to `question` in `text`: as a whole; else the part a marking phrase points at; else, for values,
    /// the first part of a sentence that reads as one. Rules are checked; a bare "yes" is no answer to a text.
    func interpret(_ text: String, for question: FlowState, _ context: TurnContext, offered: [String]? = nil)
        -> Result<SlotValue, SlotError>
    {
        guard let type = question.slotType else { return .failure(SlotError("error.empty")) }
        if type == .text || type == .list,
           case .success = SlotParser.parse(text, as: .yesno, in: parseContext(for: nil, context)),
           SlotInput.words(text).count <= 2 {
            return .failure(SlotError("engine.answer.just_yes"))
        }
        let marked = phrases(of: question, context).lazy.compactMap { $0.capture(in: text) }.first
        let whole = parse(marked ?? text, for: question, context, offered: offered)
        // Only an answer that could not be read at all is searched for a value; a specific objection stands.
        guard case .failure(let error) = whole, error.key == "error.\(type.rawValue).invalid",
              Self.pickable.contains(type) else { return whole }
        let tokens = Prefill.tokenize(text).map { $0.map { SlotInput.words($0).joined(separator: " ") } }
        // Loosely (a bare "11" in "We started at 11.") only for times and numbers: a bare number is no date.
        for strict in type == .time || type == .integer ? [true, false] : [true] {
            for start in tokens.indices {
                for length in stride(from: strict ? Self.valueWords : 1, through: 1, by: -1) {
                    guard start + length <= tokens.count else { continue }
                    let candidate = tokens[start..<(start + length)].compactMap { $0 }.joined(separator: " ")
                    guard !candidate.isEmpty,
                          case .success(let value) = recognise(candidate, for: question, context, strict: strict)
                    else { continue }
                    return validate(value, for: question, context).map { .failure($0) } ?? .success(value)
                }
            }
        }
        return whole
    }

    /// The phrases that mark `question`'s answer in a sentence, in the person's language and the others'.
    func phrases(of question: FlowState, _ context: TurnContext) -> [AnswerPhrase] {
        guard let key = question.phrases else { return [] }
        return answerPhrases[key]?[Localizer.language(of: context.language)]
            ?? localizer.wordsInAnyLanguage(key, context.language).compactMap(AnswerPhrase.init)
    }

    /// Why `value`, read from `text`, should be confirmed before it is kept — a bare number read as a date, a date
    /// outside the programme — as the text to say; nil when nothing is in doubt.
    func doubt(about value: SlotValue, from text: String, _ context: TurnContext) -> String? {
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

    /// The weekday of `date` in the person's language ("Monday", "Понеделник").
    private func weekdayName(_ date: CalendarDate, _ context: TurnContext) -> String {
        let name = localizer.lexicon(context.language).weekdays[date.weekday - 1].first ?? ""
        return name.prefix(1).uppercased() + name.dropFirst()
    }
}

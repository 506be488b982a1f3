/// What a message in the middle of a flow gives besides the answer asked for: files for the flow's file question,
/// labelled answers ("amount: 520 eur", "date: 2 dec"), or — when it does not answer the question asked — an
/// unmistakable value for another open question ("2 dec" where the amount is asked).
extension Engine {
    /// Takes what `message` gives besides a plain answer to `state`. Files go to the flow's open file question (a
    /// message of files alone skips `state` if it is optional); a message that starts with a label answers the
    /// labelled questions, replacing earlier answers. Returns true when the message is dealt with and the flow has
    /// moved on; false when its text is still the answer to `state`.
    func takeOtherAnswers(_ message: Inbound, waitingOn state: FlowState, in flow: Flow, _ turn: inout Turn,
                          _ context: TurnContext, _ checker: (any AnswerChecker)?) -> Bool {
        let text = message.text.trimmed(Trim.whitespaceOrNewline)
        var taken: [String: SlotValue] = [:]
        if state.slotType != .attachment, !message.attachments.isEmpty,
           let slot = flow.states.first(where: { $0.slotType == .attachment && turn.state.slots[$0.id] == nil }) {
            let files = SlotValue.attachments(message.attachments)
            if let error = validate(files, for: slot, context) {
                turn.say(say(error, context))
            } else {
                taken[slot.id] = files
            }
        }
        var rejected: [Prefill.Refusal] = []
        var labelled = false
        if text.contains(":") {
            let (later, startsWithLabel) = Prefill(engine: self, flow: flow, context: context).later(text, open: [])
            if startsWithLabel, !later.values.isEmpty || !later.rejected.isEmpty {
                labelled = true
                taken.merge(later.values) { _, typed in typed }
                rejected = later.rejected
            }
        }
        if !text.isEmpty, !labelled {
            // The text answers `state`; files that came with it are kept.
            for (id, value) in taken { keep(value, for: id, &turn.state) }
            return false
        }
        guard !taken.isEmpty || !rejected.isEmpty else { return false }
        if text.isEmpty, state.optional {
            turn.state.skipped.insert(state.id)
            turn.state.history.append(state.id)
        }
        apply(taken, rejected: rejected, echo: taken.keys.contains { $0 != state.id }, in: flow, &turn, context,
              checker)
        return true
    }

    /// When a message cannot be read as the answer to `state`: takes the unmistakable values it holds for other open
    /// questions that must be answered ("2 dec" is a date), says what was taken and asks `state` again. False when it
    /// holds none. Optional questions are left alone: a value meant for one already answered is no answer to them.
    func takeUnaskedAnswers(_ text: String, waitingOn state: FlowState, in flow: Flow, _ turn: inout Turn,
                            _ context: TurnContext, _ checker: (any AnswerChecker)?) -> Bool {
        let (found, unread) = unaskedAnswers(in: text, waitingOn: state, in: flow, turn.state, context)
        guard !found.isEmpty else { return false }
        var taken = found
        // What they leave may answer the question asked: the 4 of "4 sessions, every 2 weeks".
        if !unread.isEmpty, case .success(let value) = interpret(unread, for: state, context) {
            taken[state.id] = value
        }
        apply(taken, rejected: [], echo: true, in: flow, &turn, context, checker)
        return true
    }

    /// The unmistakable values `text` holds for the open questions other than `state` that must be answered, and
    /// the words they leave.
    func unaskedAnswers(in text: String, waitingOn state: FlowState, in flow: Flow,
                        _ conversation: ConversationState, _ context: TurnContext)
        -> (values: [String: SlotValue], unread: String)
    {
        let open = Set(flow.states.filter { question in
            question.id != state.id && question.slotType != nil && !question.optional
                && conversation.slots[question.id] == nil && !conversation.skipped.contains(question.id)
        }.map(\.id))
        guard !open.isEmpty else { return ([:], text) }
        let (later, _) = Prefill(engine: self, flow: flow, context: context).later(text, open: open)
        return (later.values.filter { open.contains($0.key) }, later.unread)
    }

    /// A message that is, word for word, an option of another open choice question, where `state` cannot read it as
    /// a whole: that question's answer ("every two weeks" where the number of sessions is asked was read as 2). It
    /// is said, and the next open question asked. False when it is no such option (a number never is: "2" may be
    /// either), or the option of more than one question.
    func takeChosenOption(_ text: String, waitingOn state: FlowState, in flow: Flow, _ turn: inout Turn,
                          _ context: TurnContext, _ checker: (any AnswerChecker)?) -> Bool {
        guard !text.contains(where: \.isNumber), case .failure = parse(text, for: state, context) else { return false }
        let chosen = flow.states.filter { question in
            question.id != state.id && question.slotType == .choice && question.otherwise == nil
                && turn.state.slots[question.id] == nil
        }.compactMap { question in (try? parse(text, for: question, context).get()).map { (question.id, $0) } }
        guard chosen.count == 1, let (id, value) = chosen.first else { return false }
        apply([id: value], rejected: [], echo: true, in: flow, &turn, context, checker)
        return true
    }

    /// A change of mind about an earlier answer, typed where a text is asked: "sorry, i meant 3" after a rating of 4,
    /// "actually 90 min" where the next steps are asked. The message is one value and nothing but words of
    /// ``Lexicon/amend`` around it — at least one: a bare "3" is a text like any other. The value is for the question
    /// answered last, read as its answer would be; else for the flow's only question of its kind already answered or
    /// skipped, read only when unmistakable ("90 min", "2pm", "yesterday"). The value is kept, or its refusal said
    /// and its question asked again; then `state` is asked again. False when the message is no such change: it is
    /// then the answer. At any other question only a message it leaves `unanswered` is looked at ("sorry it was 54
    /// eur" where the category is asked).
    func takeAmendedAnswer(_ text: String, waitingOn state: FlowState, in flow: Flow, _ turn: inout Turn,
                           _ context: TurnContext, _ checker: (any AnswerChecker)?, unanswered: Bool = false) -> Bool {
        guard let (question, source, value) = amendedAnswer(in: text, waitingOn: state, in: flow, turn.state, context,
                                                            unanswered: unanswered) else { return false }
        switch value {
        case .failure(let error):
            let again = keepChanged([:], refused: [(question, source, error)], in: flow, &turn, context)
            enter(again ?? question, of: flow, &turn, context, checker)
        case .success(let value):
            _ = keepChanged([question: value], refused: [], in: flow, &turn, context)
            enter(check([question], of: flow, &turn, context, checker) ?? state.id, of: flow, &turn, context, checker)
        }
        return true
    }

    /// The change of mind ``takeAmendedAnswer(_:waitingOn:in:_:_:_:unanswered:)`` takes from `text`: whose answer it
    /// changes, the words, and the new value or why its rules refuse it; nil when `text` is no such change.
    func amendedAnswer(in text: String, waitingOn state: FlowState, in flow: Flow, _ conversation: ConversationState,
                       _ context: TurnContext, unanswered: Bool = false)
        -> (question: String, source: String, value: Result<SlotValue, SlotError>)?
    {
        // A secret (an IBAN) is never read as anything else: it would be echoed as the changed answer.
        guard unanswered || state.slotType == .text || state.slotType == .list, !state.secret else { return nil }
        let lexicon = localizer.lexicon(context.language)
        guard lexicon.mayCarryValue(text) else { return nil }
        let tokens = Self.sentenceTokens(text).compactMap { $0 }
        guard tokens.count >= 2, tokens.count <= 2 * Self.valueWords else { return nil }
        let kinds = Dictionary(grouping: flow.states.compactMap(\.slotType), by: { $0 }).mapValues(\.count)
        let last = conversation.history.last
        let candidates = flow.states.filter { question in
            guard let type = question.slotType, question.id != state.id, Self.pickable.contains(type),
                  conversation.slots[question.id] != nil || conversation.skipped.contains(question.id) else {
                return false
            }
            return question.id == last || kinds[type] == 1
        }.sorted { $0.id == last && $1.id != last }
        guard !candidates.isEmpty else { return nil }
        for start in tokens.indices {
            for length in stride(from: min(Self.valueWords, tokens.count - 1), through: 1, by: -1)
            where start + length <= tokens.count {
                guard lexicon.onlyAmends((tokens[..<start] + tokens[(start + length)...]).joined(separator: " "))
                else { continue }
                let source = tokens[start..<(start + length)].joined(separator: " ")
                for question in candidates {
                    let loosely = question.id == last && question.slotType != .date
                    guard case .success(let value) = recognise(source, for: question, context, strict: !loosely)
                    else { continue }
                    let refusal = validate(value, for: question, context)
                    return (question.id, source, refusal.map { .failure($0) } ?? .success(value))
                }
            }
        }
        return nil
    }

    /// What an answer to a value question also gives for the flow's other questions ("actually it was 2 days ago,
    /// at 2.30pm" where the start time is asked, after "yesterday"; "3pm, for 90 min"): the unmistakable values it
    /// holds of another kind (a date, a time, a length, an amount) for questions not yet answered or answered with
    /// something else, each the flow's only question of its kind. The message is read as a first message is,
    /// question by question in flow order, so no word counts twice. `answer` is what to keep for the question asked:
    /// `value` when that reading agrees; when the question's words went to the changed answers, what the words left
    /// over say, or nil when they say nothing ("3 days ago" is no start time). When the reading gives another answer,
    /// nothing is changed. A text answer changes nothing: a date in "we talked about the deadline 2 days ago" is what
    /// was talked about. `refused`: new values for answered questions that their rules refuse ("no wait, it was
    /// tomorrow"). A message that leaves no answer to `state` changes answers only when it says nothing but the
    /// changes and words of ``Lexicon/amend`` ("no sorry, it was 90 min"); `value` is nil when the message could not
    /// be read as an answer to `state`.
    func changedAnswers(in text: String, answering state: FlowState, with value: SlotValue?, in flow: Flow,
                        _ conversation: ConversationState, _ context: TurnContext)
        -> (changed: [String: SlotValue], answer: SlotValue?, refused: [Prefill.Refusal])
    {
        guard let type = state.slotType, Prefill.recognisable.contains(type) || type == .integer else {
            return ([:], value, [])
        }
        // Of a kind only one question asks: which of two dates a date changes is anyone's guess.
        let kinds = Dictionary(grouping: flow.states.compactMap(\.slotType), by: { $0 }).mapValues(\.count)
        let others = Set(flow.states.filter { question in
            guard let other = question.slotType, question.id != state.id, other != type, kinds[other] == 1 else {
                return false
            }
            return Prefill.recognisable.contains(other) || question.spotted
        }.map(\.id))
        guard !others.isEmpty else { return ([:], value, []) }
        let prefill = Prefill(engine: self, flow: flow, context: context)
        let (later, _) = prefill.later(text, open: others.union([state.id]))
        let changed = later.values.filter { others.contains($0.key) && conversation.slots[$0.key] != $0.value }
        // A refused value for a question not answered yet is no change of mind ("10 hours" at the start time).
        let refused = later.rejected.filter { others.contains($0.question) && conversation.slots[$0.question] != nil }
        let read = later.values[state.id]
        // A value the whole message did not give may still be in it: "no sorry, 90 min, we started at 3pm"; a time
        // range says the start better than its first time alone ("from 2:30 to 3:15pm" is 14:30), and a new date its
        // part of the day ("it was yesterday at 7" after "this evening" is 07:00).
        if let found = later.readInContext ? read : value ?? read, read == found { return (changed, found, refused) }
        guard read == nil, !changed.isEmpty || !refused.isEmpty,
              value != nil || !later.rejected.contains(where: { $0.question == state.id }) else {
            return ([:], value, [])
        }
        if case .success(let rest) = interpret(later.unread, for: state, context) { return (changed, rest, refused) }
        // An option spotted in the message took the words the answer was read from: "every two weeks" is no 2
        // sessions, so the question is asked again.
        if changed.keys.contains(where: { flow.state($0)?.spotted == true }) { return (changed, nil, refused) }
        // Nothing is left for the question asked: only a message that is all change of mind changes anything
        // ("1 hour later than usual" at the start time says nothing of the length).
        guard localizer.lexicon(context.language).onlyAmends(later.unread) else { return ([:], value, []) }
        return (changed, nil, refused)
    }

    /// Keeps `changed` as the answers to other questions and says what they are now: what was answered before as
    /// changed, what was not as noted. An answer the message meant to change to what a rule refuses is said and
    /// forgotten, to be asked again: the one kept is known to be wrong. Returns the first question so forgotten.
    func keepChanged(_ changed: [String: SlotValue], refused: [Prefill.Refusal],
                     in flow: Flow, _ turn: inout Turn, _ context: TurnContext) -> String? {
        for (id, source, error) in refused {
            turn.say(notUsed(source, error, context))
            turn.state.slots.removeValue(forKey: id)
            turn.state.history.removeAll { $0 == id }
        }
        let replaced = changed.filter { turn.state.slots[$0.key] != nil }
        let added = changed.filter { turn.state.slots[$0.key] == nil }
        for (id, value) in changed { keep(value, for: id, &turn.state) }
        for (key, values) in [(EngineText.changed, replaced), (EngineText.noted, added)] where !values.isEmpty {
            turn.say(say(key, context, ["summary": summary(turn.state, flow, context, only: values)]))
        }
        return flow.states.first { question in refused.contains { $0.question == question.id } }?.id
    }

    /// Keeps `taken` as answers, says so (with `echo`; and what could not be used), checks them and asks the next
    /// open question.
    private func apply(_ taken: [String: SlotValue], rejected: [Prefill.Refusal],
                       echo: Bool, in flow: Flow, _ turn: inout Turn, _ context: TurnContext,
                       _ checker: (any AnswerChecker)?) {
        for (id, value) in taken { keep(value, for: id, &turn.state) }
        for (_, source, error) in rejected {
            turn.say(notUsed(source, error, context))
        }
        if echo, !taken.isEmpty {
            turn.say(say(EngineText.noted, context, ["summary": summary(turn.state, flow, context, only: taken)]))
        }
        let again = check(Array(taken.keys), of: flow, &turn, context, checker)
        enter(again ?? firstOpen(in: flow, turn.state), of: flow, &turn, context, checker)
    }

    private func keep(_ value: SlotValue, for id: String, _ state: inout ConversationState) {
        state.slots[id] = value
        state.skipped.remove(id)
        if !state.history.contains(id) { state.history.append(id) }
    }

    /// The first question on the flow's path that is neither answered nor skipped (nil: none is left).
    private func firstOpen(in flow: Flow, _ state: ConversationState) -> String? {
        var visited: Set<String> = []
        var target = flow.firstState
        while let id = target, let question = flow.state(id), !visited.contains(id) {
            visited.insert(id)
            if question.slotType != nil, state.slots[id] == nil, !state.skipped.contains(id) { return id }
            target = successor(of: question, in: flow, value: state.slots[id])
        }
        return target
    }
}

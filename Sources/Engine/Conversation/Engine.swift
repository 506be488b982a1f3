import Foundation

/// The dialogue engine: given a conversation's state and one inbound message, it returns the new state and
/// the effects (replies, actions, settings). Pure: no clock, no database, no network — all injected.
public struct Engine: Sendable {
    public let catalog: DialogCatalog
    /// Minutes of silence after which an unfinished flow is dropped, unless the flow sets `expires:`.
    public let defaultExpiryMinutes: Int

    /// Where trigger words are matched.
    public let triggers: TriggerMatcher

    /// The phrases that mark answers (`phrases:` keys), read once per key and language.
    let answerPhrases: [String: [String: [AnswerPhrase]]]
    /// The global command words (help, cancel, back, status), of every language, looked up on every message.
    let commandWords: [String: Set<String>]

    public init(catalog: DialogCatalog, defaultExpiryMinutes: Int = 24 * 60) {
        self.catalog = catalog
        self.defaultExpiryMinutes = defaultExpiryMinutes
        self.triggers = TriggerMatcher(catalog: catalog)
        let keys = Set(catalog.flows.flatMap { $0.states.compactMap(\.phrases) })
        var phrases: [String: [String: [AnswerPhrase]]] = [:]
        for key in keys {
            for language in catalog.localizer.languages {
                phrases[key, default: [:]][language] = catalog.localizer.wordsInAnyLanguage(key, language)
                    .compactMap(AnswerPhrase.init)
            }
        }
        self.answerPhrases = phrases
        var commands: [String: Set<String>] = [:]
        for key in [EngineText.wordsHelp, EngineText.wordsHelpAll, EngineText.wordsCancel, EngineText.wordsStatus,
                    EngineText.wordsBack, EngineText.wordsThanks] {
            commands[key] = Set(catalog.localizer.languages.flatMap { catalog.localizer.words(key, $0) })
        }
        self.commandWords = commands
    }

    var localizer: Localizer { catalog.localizer }

    /// Whether the flow open in `state` was dropped by `now`: silent for longer than its `expires:` (else the
    /// default), or no longer among the flows. The one expiry rule: the engine, the scheduler and the email channel
    /// all ask here.
    public func hasExpired(_ state: ConversationState, now: Int64) -> Bool {
        guard let id = state.flow else { return false }
        guard let flow = catalog.flow(id) else { return true }
        return now - state.updatedAt > Int64(flow.expiresAfterMinutes ?? defaultExpiryMinutes) * 60_000
    }

    /// Handles one message. Global commands (help, cancel, back, status, language) work at any point. `checker` checks
    /// the answers of questions marked `checked` as soon as they are given (nil: they are checked only by the action).
    public func handle(_ message: Inbound, in state: ConversationState, context: TurnContext,
                       checker: (any AnswerChecker)? = nil) -> Turn {
        var context = context
        context.dayPart = dayPart(saidWith: state)
        var turn = Turn(state: state)
        if hasExpired(state, now: context.now) {
            if let flow = state.flow.flatMap(catalog.flow) {
                turn.say(say(EngineText.expired, context, ["flow": say(flow.title, context)]))
            }
            turn.state.reset()
        }
        turn.state.updatedAt = context.now

        let text = message.text.trimmed(Trim.whitespaceOrNewline)
        // "help", "cancel" after a greeting ("hi, cancel") are the commands.
        let said = (triggers.afterGreeting(text, context.language) ?? text).lowercased()
        let bare = said.trimmed(Trim.any(of: "!?.,;: "))
        // "?" (or "??") alone is a command word of its own.
        let command = bare.isEmpty && said.contains("?") ? "?" : bare
        if let argument = argument(of: command, words: EngineText.wordsLanguage, context) {
            changeLanguage(to: argument, &turn, context)
        } else if matches(command, EngineText.wordsHelpAll, context) {
            turn.say(menu(context, all: true))
        } else if matches(command, EngineText.wordsHelp, context) {
            help(&turn, context)
        } else if matches(command, EngineText.wordsCancel, context) || cancelsWithAReason(command, context) {
            cancel(&turn, context)
        } else if matches(command, EngineText.wordsStatus, context) {
            status(&turn, context)
        } else if matches(command, EngineText.wordsBack, context),
                  activeFlow(turn.state) != nil || trigger(text, context) == nil {
            back(&turn, context)  // "undo" with nothing open is the undo command
        } else if let flow = activeFlow(turn.state) {
            interrupt(flow, with: Inbound(text: text, attachments: message.attachments), &turn, context, checker)
        } else if let alert = disclosure(in: text, context), startingTrigger(text, context)?.0.interrupts != true {
            // Who will be told comes first; a flow the message starts goes on without the words that disclosed.
            raise(alert, &turn)
            if let (flow, rest) = startingTrigger(text, context), !flow.onDisclosure {
                start(flow, with: rest, attachments: message.attachments, &turn, context, droppingDisclosures: true,
                      checker)
            }
        } else if let (flow, rest) = opening(text, context) {
            start(flow, with: rest, attachments: message.attachments, &turn, context, checker)
        } else if !message.attachments.isEmpty,
                  let flow = catalog.flows.first(where: { $0.startsOnFile && $0.isAvailable(in: context) }) {
            start(flow, with: text, attachments: message.attachments, &turn, context, checker)
        } else if let notice = context.heldNotice, startingTrigger(text, context.releasingHeldRoles) != nil {
            turn.say(notice)
        } else if context.template == nil, startingTrigger(text, context, includingUnavailable: true) != nil {
            // Someone in no programme asks for what people in one can do ("log …"): say how to join.
            turn.say(say(EngineText.notEnrolled, context))
        } else if matches(command, EngineText.wordsThanks, context) {
            turn.say(say(EngineText.thanks, context))  // "thanks!", "bye": no menu for a goodbye
        } else {
            turn.say(say(EngineText.unknown, context) + "\n" + menu(context))
        }
        keepingMessage(&turn, before: state)
        return turn
    }

    /// Sets whether the message may be kept: not when it answered, started or ran a `keep messages: no` flow.
    private func keepingMessage(_ turn: inout Turn, before state: ConversationState) {
        let performed = turn.effects.compactMap { effect -> String? in
            if case .perform(let request) = effect { return request.flow } else { return nil }
        }
        turn.keepsMessage = ([state.flow, turn.state.flow] + performed).allSatisfy { id in
            id.flatMap(catalog.flow)?.keepsMessages ?? true
        }
    }

    /// An edited answer: the answer to the question `state` last moved past (`history.last`) is taken back and
    /// `message` answers that question instead; the flow goes on from there. Nil when no flow is open or nothing
    /// was answered in it yet. An edit that discloses is no answer either: the first answer is taken back, the
    /// disclosure raised, and the question asked again.
    public func revise(_ message: Inbound, in state: ConversationState, context: TurnContext) -> Turn? {
        guard let flow = activeFlow(state), let last = state.history.last else { return nil }
        var turn = Turn(state: state)
        turn.state.updatedAt = context.now
        turn.state.history.removeLast()
        turn.state.slots[last] = nil
        turn.state.skipped.remove(last)
        turn.state.state = last
        if !flow.interrupts, let alert = disclosure(in: message.text, context) {
            raise(alert, &turn)
            turn.say(say(EngineText.resume, context, [
                "flow": say(flow.title, context), "question": pending(turn.state, flow, context),
            ]))
        } else {
            answer(message, in: flow, &turn, context)
        }
        keepingMessage(&turn, before: state)
        return turn
    }

    /// What to say when a conversation is picked up again (e.g. the terminal restarted mid-flow).
    public func resume(_ state: ConversationState, context: TurnContext) -> [String] {
        guard let flow = activeFlow(state) else { return [] }
        let arguments = ["flow": say(flow.title, context), "question": pending(state, flow, context)]
        return [say(EngineText.resume, context, arguments)]
    }

    /// Opens `flowID` for someone who did not ask for it (the scheduler's "did you meet?"), with the answers already
    /// known in `prefilled`: the returned turn waits on the first open question and says it. Nil for an unknown flow.
    public func open(_ flowID: String, prefilled: [String: SlotValue], context: TurnContext) -> Turn? {
        guard let flow = catalog.flow(flowID) else { return nil }
        var turn = Turn(state: ConversationState())
        turn.state.updatedAt = context.now
        turn.state.flow = flow.id
        turn.state.slots = prefilled
        enter(flow.firstState, of: flow, &turn, context)
        return turn
    }

    /// Whether a message at `now` would answer an open flow (one is open and has not expired): opening another
    /// flow then would throw away what the person is doing.
    public func isBusy(_ state: ConversationState, now: Int64) -> Bool {
        state.flow != nil && !hasExpired(state, now: now)
    }

    // MARK: - Global commands

    private func help(_ turn: inout Turn, _ context: TurnContext) {
        guard let flow = activeFlow(turn.state) else { return turn.say(menu(context)) }
        turn.say(say(EngineText.helpQuestion, context, ["question": pending(turn.state, flow, context)]))
    }

    private func cancel(_ turn: inout Turn, _ context: TurnContext) {
        guard let flow = activeFlow(turn.state) else { return turn.say(say(EngineText.nothingToCancel, context)) }
        let suspended = turn.state.suspended
        turn.state.reset()
        turn.state.updatedAt = context.now
        turn.say(say(EngineText.cancelled, context, ["flow": say(flow.title, context)]))
        resume(suspended, &turn, context)
    }

    private func status(_ turn: inout Turn, _ context: TurnContext) {
        guard let flow = activeFlow(turn.state) else {
            return turn.say(say(EngineText.statusIdle, context) + "\n" + menu(context))
        }
        turn.say(say(EngineText.statusFlow, context, [
            "flow": say(flow.title, context), "summary": summary(turn.state, flow, context),
            "question": pending(turn.state, flow, context),
        ]))
    }

    private func back(_ turn: inout Turn, _ context: TurnContext) {
        guard let flow = activeFlow(turn.state) else {
            return turn.say(say(EngineText.unknown, context) + "\n" + menu(context))
        }
        guard let previous = turn.state.history.popLast() else {
            return turn.say(say(EngineText.backFirst, context) + "\n" + pending(turn.state, flow, context))
        }
        turn.state.slots[previous] = nil
        turn.state.skipped.remove(previous)
        turn.state.state = previous
        turn.say(pending(turn.state, flow, context))
    }

    private func changeLanguage(to requested: String, _ turn: inout Turn, _ context: TurnContext) {
        let language = localizer.languages.first { code in
            code == requested || localizer.text(EngineText.languageName, code).lowercased() == requested
        }
        guard let language else {
            let names = localizer.languages.map { "\($0) (\(localizer.text(EngineText.languageName, $0)))" }
            return turn.say(say(EngineText.languageUnknown, context, ["languages": names.joined(separator: ", ")]))
        }
        // A forged mail could otherwise switch someone's messages (a pupil's too) to a language they cannot read: the
        // reply says, in the language spoken now, how to make the change.
        guard context.senderProven else {
            return turn.say(say(EngineText.languageUnproven, context, ["language": language]))
        }
        turn.effects.append(.setLanguage(language))
        // In the middle of a flow the question waiting comes again, in the new language.
        let spoken = context.speaking(localizer.voice(language, register: context.register))
        let set = say(EngineText.languageSet, spoken, ["language": localizer.text(EngineText.languageName, language)])
        guard let flow = activeFlow(turn.state), turn.state.state != nil else { return turn.say(set) }
        turn.say(set + "\n" + pending(turn.state, flow, spoken))
    }

    // MARK: - Flows

    private func activeFlow(_ state: ConversationState) -> Flow? { state.flow.flatMap(catalog.flow) }

    /// A message in the middle of `flow`: an `interrupts:` flow's trigger, alone in the message (so "tell the others"
    /// still answers "what will you do?"), starts that flow while `flow` waits, to go on at the same question once
    /// it ends; a `yields:` flow gives way to any other flow's trigger unless the message answers it (and is
    /// dropped). Another command typed mid-flow ("my log", "expense") is not taken for an answer either: see
    /// `waits(_:for:rest:_:_:)`. The flow's own command typed again with values of its own starts it again (see
    /// `startsAgain(_:with:_:)`). A disclosure the safeguarding signals find runs the `on disclosure:` flow's action
    /// instead of answering — the message is never stored in the flow's record (a peer may read it there) — and the
    /// flow waits on the same question. Otherwise the message is the answer.
    private func interrupt(_ flow: Flow, with message: Inbound, _ turn: inout Turn, _ context: TurnContext,
                           _ checker: (any AnswerChecker)?) {
        let command = startingTrigger(message.text, context, interruptingOnly: flow.interrupts)
        let started = command.flatMap { other, rest in
            other.id != flow.id
                && ((other.interrupts && rest.isEmpty)
                    || (flow.yields && !answers(message, flow, turn.state, context))
                    || (!flow.yields && !flow.interrupts && waits(flow, for: other, rest: rest, message, turn.state,
                                                                  context)))
                ? (other, rest) : nil
        }
        // A disclosure is raised first, whatever else the message starts; that flow goes on without those words.
        let alert = flow.interrupts ? nil : disclosure(in: message.text, context)
        if started == nil, !flow.interrupts, let rest = ownCommand(flow, command, in: message.text, context),
           startsAgain(flow, with: rest, context) {
            if let alert { raise(alert, &turn) }
            turn.say(say(EngineText.restarted, context, ["flow": say(flow.title, context)]))
            return start(flow, with: rest, attachments: message.attachments, &turn, context,
                         droppingDisclosures: alert != nil, checker)
        }
        if let (other, rest) = started {
            if let alert, !other.interrupts { raise(alert, &turn) }
            if other.replaces == flow.id {
                // "lost receipt" where the receipt is asked: the claim goes on without one, with what was answered.
                let answers = turn.state.slots.filter { id, _ in
                    !id.hasPrefix(".") && other.state(id)?.slotType != nil
                        && other.state(id)?.slotType == flow.state(id)?.slotType
                }
                return start(other, with: rest, attachments: message.attachments, &turn, context,
                             droppingDisclosures: alert != nil, carrying: answers, checker)
            }
            if flow.interrupts {
                // One safeguarding flow replaces another; a flow waiting behind them keeps waiting.
                turn.say(say(EngineText.cancelled, context, ["flow": say(flow.title, context)]))
            } else if !flow.yields {
                turn.state.suspended = turn.state.snapshot
                if other.firstState != nil {
                    turn.say(say(EngineText.waiting, context, ["flow": say(flow.title, context)]))
                }
            }
            return start(other, with: rest, attachments: message.attachments, &turn, context,
                         droppingDisclosures: alert != nil, checker)
        }
        if let alert {
            raise(alert, &turn)
            return turn.say(say(EngineText.resume, context, [
                "flow": say(flow.title, context), "question": pending(turn.state, flow, context),
            ]))
        }
        answer(message, in: flow, &turn, context, checker)
    }

    // MARK: - Disclosures

    /// The slot an `on disclosure:` flow's action finds the language of the disclosure in (it answers in it).
    public static let writtenInSlot = "written_in"

    /// The flow that answers a disclosure, and the signal found, when the safeguarding signals of any language find
    /// one in `text`.
    private func disclosure(in text: String, _ context: TurnContext) -> (flow: Flow, found: Disclosure)? {
        guard let flow = catalog.flows.first(where: { $0.onDisclosure && $0.isAvailable(in: context) }),
              let found = catalog.disclosures.detect(text, preferring: context.language)
        else { return nil }
        return (flow, found)
    }

    /// Runs the disclosure flow's action (it says who will be told), with the language the disclosure was written in.
    private func raise(_ alert: (flow: Flow, found: Disclosure), _ turn: inout Turn) {
        guard let action = alert.flow.action else { return }
        turn.effects.append(.perform(ActionRequest(
            flow: alert.flow.id, action: action, slots: [Self.writtenInSlot: .text(alert.found.language)])))
    }

    /// Whether an answer holds a disclosure: it is then never kept as an answer.
    private func discloses(_ value: SlotValue, _ context: TurnContext) -> Bool {
        switch value {
        case .text(let text): return catalog.disclosures.detect(text, preferring: context.language) != nil
        case .list(let items):
            return catalog.disclosures.detect(items.joined(separator: ". "), preferring: context.language) != nil
        default: return false
        }
    }

    /// Goes back to the flow that waited behind a safeguarding flow, at the question it waited on.
    private func resume(_ suspended: SuspendedFlow?, _ turn: inout Turn, _ context: TurnContext) {
        guard let suspended, let flow = catalog.flow(suspended.flow) else { return }
        turn.state.flow = suspended.flow
        turn.state.state = suspended.state
        turn.state.slots = suspended.slots
        turn.state.skipped = suspended.skipped
        turn.state.history = suspended.history
        turn.state.updatedAt = context.now
        turn.say(say(EngineText.resume, context, [
            "flow": say(flow.title, context), "question": pending(turn.state, flow, context),
        ]))
    }

    /// Whether `flow` waits behind `other`, whose trigger starts the message: at a question the message does not
    /// answer ("expense" where a time is asked), or — at a free-text question or the confirmation — when `other` asks
    /// nothing and the message is its command alone ("my log", "what's next"). A yes or no is always an answer (some
    /// commands start with one: "yes" sends a drafted claim), and what is typed where a change is asked is the
    /// change. Only one flow waits at a time.
    private func waits(_ flow: Flow, for other: Flow, rest: String, _ message: Inbound, _ state: ConversationState,
                       _ context: TurnContext) -> Bool {
        guard state.suspended == nil, let id = state.state, id != Self.changeState else { return false }
        if case .success = SlotParser.parse(message.text, as: .yesno, in: parseContext(for: nil, context)) {
            return false
        }
        if rest.isEmpty, other.firstState == nil, other.edits == nil { return true }
        guard let question = flow.state(id), let type = question.slotType else { return false }
        if type == .attachment { return message.attachments.isEmpty }
        // Not read as an answer at all (read loosely, as an answer would be): a specific objection stands.
        guard case .failure(let error) = interpret(message.text, for: question, context),
              error.isUnreadable(as: type) else { return false }
        // A command that takes nothing from the message is no command when what follows it changes this flow's
        // answers ("oops, 90 minutes i meant" is not "undo"), or answers one of its other questions ("next tuesday"
        // where how often is asked is the first date, not "what's next").
        guard !rest.isEmpty, other.firstState == nil, other.arguments.isEmpty else { return true }
        let changes = changedAnswers(in: message.text, answering: question, with: nil, in: flow, state, context)
        return changes.changed.isEmpty
            && amendedAnswer(in: message.text, waitingOn: question, in: flow, state, context, unanswered: true) == nil
            && unaskedAnswers(in: message.text, waitingOn: question, in: flow, state, context).values.isEmpty
    }

    /// What follows `flow`'s own command in `text` — written as it is (`command`, the trigger the message starts
    /// with), with a letter wrong or no diacritics ("lgo", "gorustuk"), or last, as Turkish puts the verb ("3 gün
    /// önce 30 dk görüştük") — or nil if `text` has none. The near and last matches would run for every answer in a
    /// flow, so only where a command and a value can be: a message of three words or more with a digit or a word only
    /// a day, a length or a number is written with ("lgo yesterday for an hour").
    private func ownCommand(_ flow: Flow, _ command: (Flow, String)?, in text: String, _ context: TurnContext)
        -> String?
    {
        if let (started, rest) = command { return started.id == flow.id ? rest : nil }
        guard localizer.lexicon(context.language).mayCarryValue(text),
              text.split(whereSeparator: \.isWhitespace).count >= 3 else { return nil }
        let own = { (candidate: Flow) in candidate.id == flow.id }
        return (triggers.nearlyStarting(text, language: context.language, admitted: own)
            ?? triggers.ending(text, language: context.language, admitted: own))?.rest
    }

    /// Whether the flow's own command, typed again with values of its own ("log 3 days ago at 2pm 30 min" while a
    /// meeting is being logged), starts it again: what follows the command holds a date, a time, a length or an
    /// amount for it. Taken as an answer, the start time of another meeting was saved to this one; a command alone,
    /// or with words only ("log the budget figures" as a next step), is still an answer.
    private func startsAgain(_ flow: Flow, with rest: String, _ context: TurnContext) -> Bool {
        guard !rest.isEmpty, flow.arguments.isEmpty, flow.edits == nil else { return false }
        let values = Prefill(engine: self, flow: flow, context: context).extract(from: rest, attachments: []).values
        return values.keys.contains { id in
            flow.state(id)?.slotType.map { [.date, .time, .duration, .money].contains($0) } ?? false
        }
    }

    /// Whether `message` is a valid answer to the question `flow` waits on.
    private func answers(_ message: Inbound, _ flow: Flow, _ state: ConversationState, _ context: TurnContext) -> Bool {
        guard let id = state.state, let question = flow.state(id), question.slotType != nil else { return false }
        if question.slotType == .attachment { return !message.attachments.isEmpty }
        if case .success = parse(message.text, for: question, context) { return true }
        return false
    }

    /// The flow a message starts with nothing open, and the rest of the message for it: what follows a greeting
    /// ("hi, i'd like to log yesterday's meeting") read as a message of its own, else the whole message (a greeting
    /// alone is a trigger word: what's next).
    private func opening(_ text: String, _ context: TurnContext) -> (Flow, String)? {
        if let greeted = triggers.afterGreeting(text, context.language),
           let found = trigger(greeted, context) ?? understood(greeted, context) {
            return found
        }
        return trigger(text, context) ?? understood(text, context)
    }

    /// The flow whose trigger word starts `text` (longest match wins), and the rest of the message; else the first
    /// flow with a `trigger anywhere:` word anywhere in `text` (the rest is then empty: nothing is prefilled).
    private func trigger(_ text: String, _ context: TurnContext) -> (Flow, String)? {
        startingTrigger(text, context) ?? anywhereTrigger(text, context)
    }

    /// The flow whose trigger word starts `text`, and the rest of the message; with `interruptingOnly`, only flows
    /// that may interrupt another (`interrupts: yes`) are looked at; with `includingUnavailable`, also flows the
    /// person may not use.
    private func startingTrigger(
        _ text: String, _ context: TurnContext, interruptingOnly: Bool = false, includingUnavailable: Bool = false
    ) -> (Flow, String)? {
        triggers.starting(text, language: context.language) { flow in
            (flow.interrupts || !interruptingOnly) && (includingUnavailable || flow.isAvailable(in: context))
        }.map { ($0.flow, $0.rest) }
    }

    /// The first flow with a `trigger anywhere:` word or phrase anywhere in `text` (the rest is empty); with
    /// `interruptingOnly`, only flows that may interrupt another (`interrupts: yes`) are looked at.
    private func anywhereTrigger(_ text: String, _ context: TurnContext, interruptingOnly: Bool = false)
        -> (Flow, String)?
    {
        triggers.anywhere(text, language: context.language) { flow in
            (flow.interrupts || !interruptingOnly) && flow.isAvailable(in: context)
        }.map { ($0, "") }
    }

    /// Starts `flow` with what the rest of the message answers (with `droppingDisclosures`, not an answer that holds
    /// a disclosure: it is asked again), and the `answers` it takes over from a flow it replaces. A flow waiting
    /// behind a safeguarding flow keeps waiting.
    private func start(_ flow: Flow, with rest: String, attachments: [AttachmentRef], _ turn: inout Turn,
                       _ context: TurnContext, droppingDisclosures: Bool = false,
                       carrying answers: [String: SlotValue] = [:], _ checker: (any AnswerChecker)?) {
        // A new start forgets the part of the day the flow it replaces was said with.
        var context = context
        context.dayPart = nil
        let suspended = turn.state.suspended
        turn.state.reset()
        turn.state.suspended = suspended
        turn.state.updatedAt = context.now
        turn.state.flow = flow.id
        if flow.edits != nil {
            turn.state.state = Self.changeState
            // A change that discloses is no change: what to change is asked.
            let asks = rest.isEmpty || (droppingDisclosures && discloses(.text(rest), context))
            return asks ? turn.say(changePrompt(flow, context)) : change(rest, in: flow, &turn, context)
        }
        let prefill = Prefill(engine: self, flow: flow, context: context).extract(from: rest, attachments: attachments)
        turn.state.slots = answers.merging(droppingDisclosures
            ? prefill.values.filter { !discloses($0.value, context) } : prefill.values) { _, said in said }
        if let (date, afternoon) = prefill.dayPart {
            turn.state.slots[afternoon ? Self.afternoonKey : Self.morningKey] = .date(date)
        }
        turn.state.skipped = prefill.skipped
        for (_, source, error) in prefill.rejected {
            turn.say(notUsed(source, error, context))
        }
        // Answers a check refuses are said (and asked again); what was taken is said with the next question.
        _ = check(flow.states.map(\.id), of: flow, &turn, context, checker)
        let noted = turn.state.slots.filter { !flow.arguments.contains($0.key) && !$0.key.hasPrefix(".") }
        guard !noted.isEmpty, flow.firstState != nil else {
            return enter(flow.firstState, of: flow, &turn, context, checker)
        }
        // What was understood and what is still missing, in one message.
        let understood = say(EngineText.noted, context, ["summary": summary(turn.state, flow, context, only: noted)])
        let next = turn.effects.count
        enter(flow.firstState, of: flow, &turn, context, checker)
        if next < turn.effects.count, case .reply(let question) = turn.effects[next] {
            turn.effects[next] = .reply(understood + "\n" + question)
        } else {
            turn.effects.insert(.reply(understood), at: next)
        }
    }

    private func answer(_ message: Inbound, in flow: Flow, _ turn: inout Turn, _ context: TurnContext,
                        _ checker: (any AnswerChecker)? = nil) {
        if turn.state.state == FlowTarget.confirm { return confirm(message.text, in: flow, &turn, context) }
        if turn.state.state == Self.changeState { return change(message.text, in: flow, &turn, context) }
        guard let id = turn.state.state, let state = flow.state(id), let type = state.slotType else {
            return enter(flow.firstState, of: flow, &turn, context, checker)
        }
        if takeOtherAnswers(message, waitingOn: state, in: flow, &turn, context, checker)
            || takeAmendedAnswer(message.text, waitingOn: state, in: flow, &turn, context, checker) { return }
        let lexicon = localizer.lexicon(context.language)
        // A value waiting for a "yes" ("2 → Monday 2 March?"): kept on yes, else the message is a new answer.
        let pending = turn.state.slots.removeValue(forKey: Self.pendingKey)
        if let pending, case .success(.yesno(true)) = SlotParser.parse(
            message.text, as: .yesno, in: parseContext(for: nil, context)) {
            return accept(pending, for: state, in: flow, &turn, context, checker)
        }
        if lexicon.skip.contains(message.text.lowercased()) || (state.optional && saysNothing(message.text, context)) {
            guard state.optional else {
                return turn.say(say(EngineText.skipNotAllowed, context) + "\n" + question(state, turn.state, context))
            }
            turn.state.skipped.insert(id)
            turn.state.history.append(id)
            return enter(successor(of: state, in: flow, value: nil), of: flow, &turn, context, checker)
        }
        if message.attachments.isEmpty,
           takeChosenOption(message.text, waitingOn: state, in: flow, &turn, context, checker) { return }
        let result: Result<SlotValue, SlotError>
        if type == .attachment, !message.attachments.isEmpty {
            let files = SlotValue.attachments(message.attachments)
            result = validate(files, for: state, context).map { .failure($0) } ?? .success(files)
        } else {
            result = interpret(message.text, for: state, context, offered: offered(state, turn.state))
        }
        switch result {
        case .failure(let error):
            // An answer of the right kind that breaks a rule is asked again; one of another kind may answer another
            // question ("2 dec" where the amount is asked).
            if case .failure = recognise(message.text, for: state, context, strict: false),
               takeUnaskedAnswers(message.text, waitingOn: state, in: flow, &turn, context, checker) { return }
            // No answer, but a change of mind about an earlier one ("no sorry, it was 90 min" at the start time,
            // "sorry it was 54 eur" where the category is asked).
            if accept(nil, from: message.text, for: state, in: flow, &turn, context, checker)
                || takeAmendedAnswer(message.text, waitingOn: state, in: flow, &turn, context, checker,
                                     unanswered: true) { return }
            turn.say(say(error, context) + "\n" + question(state, turn.state, context))
        case .success(let value):
            accept(value, from: message.text, for: state, in: flow, &turn, context, checker, confirmed: pending)
        }
    }

    /// Keeps the answer to `state` read from `text` (`value`; nil when `text` gave none) with the earlier answers
    /// `text` also changes (``changedAnswers(in:answering:with:in:_:_:)``), and moves on — or, when the answer is in
    /// doubt and not the value the person just `confirmed`, asks about it first. Returns false, having done
    /// nothing, when there is neither an answer nor a change.
    @discardableResult
    private func accept(_ value: SlotValue?, from text: String, for state: FlowState, in flow: Flow,
                        _ turn: inout Turn, _ context: TurnContext, _ checker: (any AnswerChecker)?,
                        confirmed: SlotValue? = nil) -> Bool {
        let (changed, answer, refused) = changedAnswers(
            in: text, answering: state, with: value, in: flow, turn.state, context)
        if value == nil, changed.isEmpty, refused.isEmpty { return false }
        let forgotten = keepChanged(changed, refused: refused, in: flow, &turn, context)
        guard let answer else {
            // Its words changed an earlier answer and none is left for this one: it is asked again.
            let again = check(Array(changed.keys), of: flow, &turn, context, checker)
            enter(again ?? forgotten ?? state.id, of: flow, &turn, context, checker)
            return true
        }
        // The changes are kept; the answer waits for a "yes" ("it was the 3 of us" is no start at 15:00).
        if forgotten == nil, answer == value, answer != confirmed,
           let doubt = doubt(about: answer, from: text, for: state, context) {
            turn.state.slots[Self.pendingKey] = answer
            turn.say(doubt)
            return true
        }
        accept(answer, for: state, in: flow, &turn, context, checker, alsoChecking: Array(changed.keys),
               then: forgotten)
        return true
    }

    /// Keeps `value` as the answer to `state` and moves on (to `then`, a question to ask again, when given) — after
    /// the checks of a `checked` question (and of those in `alsoChecking`, answers the message changed), which may
    /// ask it (or an earlier one) again.
    private func accept(_ value: SlotValue, for state: FlowState, in flow: Flow, _ turn: inout Turn,
                        _ context: TurnContext, _ checker: (any AnswerChecker)?, alsoChecking: [String] = [],
                        then next: String? = nil) {
        turn.state.slots[state.id] = value
        turn.state.history.append(state.id)
        let again = check(alsoChecking + [state.id], of: flow, &turn, context, checker)
        enter(again ?? next ?? successor(of: state, in: flow, value: value), of: flow, &turn, context, checker)
    }

    /// The answer at the confirmation: "yes" saves — unless it changes an answer too ("yes, but it was 50 min") —,
    /// "no" asks what to change, and a change said outright ("it was 50 min", "change the date to monday") is made;
    /// each change shows the confirmation again.
    private func confirm(_ text: String, in flow: Flow, _ turn: inout Turn, _ context: TurnContext) {
        // With a record already saved for the same `unique:` answer, the confirmation offered "another" (yes) or
        // "correction" (replace that one). Not offered, "değiştir" is "change", no "replace".
        let answer = SlotInput.words(text).joined(separator: " ")
        if let key = flow.unique, let value = turn.state.slots[key], context.recorded.contains(value) {
            if localizer.wordsInAnyLanguage(EngineText.wordsCorrection, context.language).contains(answer) {
                return finish(flow, &turn, context, replacing: value)
            }
            if localizer.wordsInAnyLanguage(EngineText.wordsAnother, context.language).contains(answer) {
                return finish(flow, &turn, context)
            }
        }
        let parsed = SlotParser.parse(text, as: .yesno, in: parseContext(for: nil, context))
        switch parsed {
        case .success(.yesno(true)):
            // "yes, but it was 50 min": a yes that changes an answer is a change, shown again before it is saved. The
            // yes itself is no answer to change: "yes" is not "in danger: yes".
            let rest = afterYes(text, context)
            let outcome = rest.isEmpty ? .nothing : correction(rest, of: flow, context)
            switch outcome {
            case .values(let values) where values.contains(where: { turn.state.slots[$0.key] != $0.value }):
                turn.state.state = Self.changeState
                apply(outcome, from: text, in: flow, &turn, context)
            case .question, .ambiguous:
                turn.state.state = Self.changeState
                apply(outcome, from: text, in: flow, &turn, context)
            case .rejected(let source, let error):
                turn.say(notUsed(source, error, context) + "\n" + confirmation(turn.state, flow, context))
            default:
                finish(flow, &turn, context)
            }
        case .success(.yesno(false)):
            // "no" keeps the answers: what should change? Unless the message says it ("no, it was 90 min").
            turn.state.state = Self.changeState
            if saysNothing(text, context) { return turn.say(changePrompt(flow, context)) }
            if case .nothing = correction(text, of: flow, context) { return turn.say(changePrompt(flow, context)) }
            change(text, in: flow, &turn, context)
        default:
            // Neither yes nor no: a change said outright ("it was 50 min", "change the date to monday"), or asked
            // for ("edit", "fix it", "correction").
            let lexicon = localizer.lexicon(context.language)
            let words = SlotInput.words(text)
            let asksForAChange = words.contains(where: lexicon.change.contains)
                && words.allSatisfy { lexicon.change.contains($0) || lexicon.amend.contains($0) }
            if asksForAChange
                || localizer.wordsInAnyLanguage(EngineText.wordsCorrection, context.language).contains(answer) {
                turn.state.state = Self.changeState
                return turn.say(changePrompt(flow, context))
            }
            let outcome = correction(text, of: flow, context)
            if case .nothing = outcome {
                let invalid = say(EngineText.confirmInvalid, context)
                return turn.say(invalid + "\n" + confirmation(turn.state, flow, context))
            }
            turn.state.state = Self.changeState
            apply(outcome, from: text, in: flow, &turn, context)
        }
    }

    /// `text` without the yes words it opens with: "yes, but it was 50 min" → "but it was 50 min".
    private func afterYes(_ text: String, _ context: TurnContext) -> String {
        let yes = localizer.lexicon(context.language).yes
        let tokens = text.split(whereSeparator: \.isWhitespace)
            .drop { SlotInput.words(String($0)).allSatisfy(yes.contains) }
        return tokens.joined(separator: " ")
    }

    /// A correction while the conversation waits for one: after "no" at the confirmation (the answers change and
    /// the confirmation is shown again; "yes" saves after all), or in a flow that `edits:` another's last record
    /// (its action runs with the changed answers).
    private func change(_ text: String, in flow: Flow, _ turn: inout Turn, _ context: TurnContext) {
        let target = flow.edits.flatMap(catalog.flow) ?? flow
        let pending = turn.state.slots.removeValue(forKey: Self.pendingKey)
        let field = turn.state.slots.removeValue(forKey: Self.fieldKey)
        let unplaced = turn.state.slots.removeValue(forKey: Self.unplacedKey)
        if case .success(.yesno(true)) = SlotParser.parse(text, as: .yesno, in: parseContext(for: nil, context)) {
            if let pending, case .text(let id)? = field { return changed([id: pending], in: flow, &turn, context) }
            if flow.edits == nil { return finish(flow, &turn, context) }  // "yes" after all: save as it is
        }
        let outcome: Correction
        if case .text(let id)? = field, let asked = target.state(id) {
            switch interpret(text, for: asked, context) {
            case .success(let value): outcome = .values([id: value])
            case .failure(let error): outcome = .rejected(source: text, error: error)
            }
        } else {
            outcome = correction(text, of: target, context)
        }
        // "start" after "Is "7" the start or the duration?": the value said before is the start.
        if case .question(let asked) = outcome, case .text(let value)? = unplaced,
           case .success(let parsed) = interpret(value, for: asked, context) {
            return apply(.values([asked.id: parsed]), from: value, in: flow, &turn, context)
        }
        apply(outcome, from: text, in: flow, &turn, context, pending: pending)
    }

    /// Applies what a correction message (`text`) changes: the values (after asking about a doubtful one, unless it
    /// is the `pending` value just confirmed), a question asked again, or what could not be used.
    private func apply(_ outcome: Correction, from text: String, in flow: Flow, _ turn: inout Turn,
                       _ context: TurnContext, pending: SlotValue? = nil) {
        let target = flow.edits.flatMap(catalog.flow) ?? flow
        switch outcome {
        case .values(let values):
            if values.count == 1, let (id, value) = values.first, value != pending, let asked = target.state(id),
               let doubt = doubt(about: value, from: text, for: asked, context) {
                turn.state.slots[Self.pendingKey] = value
                turn.state.slots[Self.fieldKey] = .text(id)
                return turn.say(doubt)
            }
            changed(values, in: flow, &turn, context)
        case .question(let asked) where flow.edits != nil:
            turn.state.slots[Self.fieldKey] = .text(asked.id)
            turn.say(question(asked, turn.state, context))
        case .question(let asked):
            turn.state.slots[asked.id] = nil
            turn.state.skipped.remove(asked.id)
            turn.state.state = asked.id
            turn.say(question(asked, turn.state, context))
        case .rejected(let source, let error):
            turn.say(notUsed(source, error, context) + "\n" + changePrompt(flow, context))
        case .ambiguous(let value, let questions):
            turn.state.slots[Self.unplacedKey] = .text(value)
            turn.say(whichPrompt(value, questions, context))
        case .nothing:
            turn.say(say(EngineText.changeUnknown, context) + "\n" + changePrompt(flow, context))
        }
    }

    /// Applies corrected answers: a flow that `edits:` another runs its action with them; else they replace the
    /// answers and the confirmation is shown again.
    private func changed(_ values: [String: SlotValue], in flow: Flow, _ turn: inout Turn, _ context: TurnContext) {
        if flow.edits != nil {
            if let action = flow.action {
                turn.effects.append(.perform(ActionRequest(flow: flow.id, action: action, slots: values)))
            }
            turn.state.reset()
            turn.state.updatedAt = context.now
            return
        }
        for (id, value) in values {
            turn.state.slots[id] = value
            turn.state.skipped.remove(id)
        }
        turn.state.state = FlowTarget.confirm
        turn.say(confirmation(turn.state, flow, context))
    }

    /// Moves into `target`, passing over `say` states and questions already answered, and asks the next question,
    /// shows the confirmation, or finishes.
    func enter(_ target: String?, of flow: Flow, _ turn: inout Turn, _ context: TurnContext,
               _ checker: (any AnswerChecker)? = nil) {
        var target = target
        for _ in 0...flow.states.count {
            guard let id = target, id != FlowTarget.confirm, id != FlowTarget.done else { break }
            guard let state = flow.state(id) else { break }
            if state.slotType == nil {
                turn.say(say(state.prompt, context, displayArguments(turn.state, flow, context)))
                target = successor(of: state, in: flow, value: nil)
                continue
            }
            if turn.state.slots[id] != nil || turn.state.skipped.contains(id) {
                target = successor(of: state, in: flow, value: turn.state.slots[id])
                continue
            }
            turn.state.state = id
            offer(state, of: flow, &turn, context, checker)
            return turn.say(question(state, turn.state, context))
        }
        if target != FlowTarget.done, flow.confirm != nil {
            turn.state.state = FlowTarget.confirm
            return turn.say(confirmation(turn.state, flow, context))
        }
        finish(flow, &turn, context)
    }

    private func finish(
        _ flow: Flow, _ turn: inout Turn, _ context: TurnContext, replacing replaced: SlotValue? = nil
    ) {
        if let action = flow.action {
            let onPath = path(through: flow, turn.state.slots)
            var answered = turn.state.slots.filter { onPath.contains($0.key) }
            answered[Self.replacesKey] = replaced
            turn.effects.append(.perform(ActionRequest(flow: flow.id, action: action, slots: answered)))
        }
        let suspended = turn.state.suspended
        turn.state.reset()
        turn.state.updatedAt = context.now
        resume(suspended, &turn, context)
    }

    /// The states the answers lead through, from the first: answers on a branch not taken are left out.
    private func path(through flow: Flow, _ slots: [String: SlotValue]) -> Set<String> {
        var visited: Set<String> = []
        var target = flow.firstState
        while let id = target, let state = flow.state(id), !visited.contains(id) {
            visited.insert(id)
            target = successor(of: state, in: flow, value: slots[id])
        }
        return visited
    }

    /// The state after `state`: a matching `if`, else `next:`, else the following block (nil at the end).
    func successor(of state: FlowState, in flow: Flow, value: SlotValue?) -> String? {
        if let value, let branch = state.branches.first(where: { $0.value == Self.branchKey(value) }) {
            return branch.target
        }
        if let next = state.next { return next }
        guard let index = flow.states.firstIndex(where: { $0.id == state.id }), index + 1 < flow.states.count else {
            return nil
        }
        return flow.states[index + 1].id
    }

    private static func branchKey(_ value: SlotValue) -> String? {
        switch value {
        case .yesno(let yes): return yes ? "yes" : "no"
        case .choice(let id): return id
        default: return nil
        }
    }

    // MARK: - Parsing

    /// Parses an answer and checks the question's rules.
    func parse(_ text: String, for state: FlowState, _ context: TurnContext, strict: Bool = false,
               offered: [String]? = nil) -> Result<SlotValue, SlotError>
    {
        recognise(text, for: state, context, strict: strict, offered: offered).flatMap { value in
            validate(value, for: state, context).map { .failure($0) } ?? .success(value)
        }
    }

    /// Parses an answer with the question's slot parser only.
    func recognise(_ text: String, for state: FlowState, _ context: TurnContext, strict: Bool,
                   offered: [String]? = nil) -> Result<SlotValue, SlotError>
    {
        guard let type = state.slotType else { return .failure(SlotError("error.empty")) }
        var parseContext = parseContext(for: state, context, strict: strict)
        if let offered {
            // The options shown come first, so "1" picks the first shown; the others are still known by name.
            let rank = { (option: ChoiceOption) in offered.firstIndex(of: option.id) ?? offered.count }
            parseContext.options.sort { rank($0) < rank($1) }
            parseContext.numbered = offered.count
        }
        let parsed = SlotParser.parse(text, as: type, in: parseContext)
        if case .failure = parsed, let otherwise = state.otherwise, !strict { return .success(.choice(otherwise)) }
        return parsed
    }

    /// The first of the question's rules the value breaks (for files: a type it does not `accept:`), if any.
    func validate(_ value: SlotValue, for state: FlowState, _ context: TurnContext) -> SlotError? {
        if case .attachments(let files) = value, !state.accepts.isEmpty,
           let file = files.first(where: { !state.accepts.contains($0.mediaType) })
        {
            let accepted = state.accepts.map { String($0.split(separator: "/").last ?? "").uppercased() }
            return SlotError("error.attachment.type", [
                "file": file.filename, "type": file.mediaType, "accepted": accepted.joined(separator: ", "),
            ])
        }
        return state.rules.lazy.compactMap { $0.check(value, today: context.today) }.first
    }

    /// How `state`'s answers are parsed (nil: with no question's options, scale or currency), `strict` or not.
    func parseContext(for state: FlowState?, _ context: TurnContext, strict: Bool = false) -> SlotParseContext {
        var parse = SlotParseContext(
            today: context.today, lexicon: localizer.lexicon(context.language),
            dateDirection: state?.direction ?? .past, options: choiceOptions(state, context),
            defaultCurrency: state?.currency)
        parse.strict = strict
        if state?.slotType == .time { parse.dayPart = context.dayPart }
        if let key = state?.scale {
            for language in [context.language, Localizer.fallbackLanguage] {
                parse.scale.merge(ScaleText.parse(localizer.text(key, language)) ?? [:]) { mine, _ in mine }
            }
            parse.scaleEnds = ScaleText.ends(localizer.text(key, context.language))
        }
        return parse
    }

    private func choiceOptions(_ state: FlowState?, _ context: TurnContext) -> [ChoiceOption] {
        (state?.options ?? []).map { id in
            ChoiceOption(id: id, labels: labels(of: "option.\(id)", context).map { $0.lowercased() } + [id])
        }
    }

    // MARK: - Texts

    func say(_ key: String, _ context: TurnContext, _ arguments: [String: String] = [:]) -> String {
        localizer.text(key, context.language, arguments)
    }

    /// Why an answer was refused, its values (a rule's bound) in the person's notation.
    func say(_ error: SlotError, _ context: TurnContext) -> String {
        let values = error.values.mapValues { localizer.display($0, context.language) }
        return say(error.key, context, error.arguments.merging(values) { _, shown in shown })
    }

    /// "I couldn't use "…" (why)": a short excerpt of what was typed, never the whole of a long paste.
    func notUsed(_ source: String, _ error: SlotError, _ context: TurnContext) -> String {
        say(EngineText.notUsed, context, ["text": SlotDisplay.excerpt(source), "reason": say(error, context)])
    }

    /// The comma-separated names in a label or option text; the first is how it is shown.
    func labels(of key: String, _ context: TurnContext) -> [String] {
        localizer.labels(key, context.language)
    }

    /// The most commands the short menu shows: it has to fit a phone's screen.
    static let shortMenu = 4

    /// What the person can say: the few commands most likely for them (`menu: N`, by rank) and how to see all —
    /// or, with `all` (or when no flow has a rank), every command they may use.
    private func menu(_ context: TurnContext, all: Bool = false) -> String {
        let available = catalog.flows.filter { $0.inMenu && $0.isAvailable(in: context) && $0.trigger != nil }
        let rank = { (flow: Flow) in context.template.flatMap { flow.menuRanks[$0] } ?? flow.menuRank }
        let ranked = available.filter { rank($0) != nil }.sorted { (rank($0) ?? 0) < (rank($1) ?? 0) }
        let short = !all && !ranked.isEmpty && ranked.count < available.count
        let items = (short ? Array(ranked.prefix(Self.shortMenu)) : available).compactMap { flow -> String? in
            guard let trigger = flow.trigger, let word = localizer.words(trigger, context.language).first else {
                return nil
            }
            return say(EngineText.menuItem, context, ["word": word, "flow": say(flow.title, context)])
        }
        let menu = say(EngineText.menu, context, ["items": items.joined(separator: "\n")])
        return short ? menu + "\n" + say(EngineText.menuMore, context) : menu
    }

    /// The question the conversation is waiting on, or the confirmation.
    private func pending(_ state: ConversationState, _ flow: Flow, _ context: TurnContext) -> String {
        if state.state == FlowTarget.confirm { return confirmation(state, flow, context) }
        if state.state == Self.changeState { return changePrompt(flow, context) }
        guard let id = state.state, let current = flow.state(id) else { return "" }
        return question(current, state, context)
    }

    private func question(_ state: FlowState, _ conversation: ConversationState, _ context: TurnContext) -> String {
        guard let flow = conversation.flow.flatMap(catalog.flow) else { return say(state.prompt, context) }
        var text = say(state.prompt, context, displayArguments(conversation, flow, context))
        if state.slotType == .choice || state.slotType == .choices {
            let options = offered(state, conversation).enumerated().map { index, id in
                "\(index + 1). \(labels(of: "option.\(id)", context).first ?? id)"
            }
            text += "\n" + say(EngineText.options, context, ["options": options.joined(separator: "\n")])
        }
        if state.optional { text += " " + say(EngineText.helpSkip, context) }
        return text
    }

    private func confirmation(_ state: ConversationState, _ flow: Flow, _ context: TurnContext) -> String {
        var arguments = displayArguments(state, flow, context)
        let answered = summary(state, flow, context)
        arguments["summary"] = answered
        var text = say(flow.confirm ?? "", context, arguments)
        // Nothing answered (every question skipped): no empty line where the summary would stand.
        if answered.isEmpty { text = text.split(separator: "\n").joined(separator: "\n") }
        // The same `unique:` answer as a record already saved: another one, or a correction of that one?
        guard let key = flow.unique, let value = state.slots[key], context.recorded.contains(value) else { return text }
        return text + "\n" + say(EngineText.duplicateAsk, context, ["value": display(value, context)])
    }

    /// One `• Label: value` line per answered question, in flow order.
    func summary(_ state: ConversationState, _ flow: Flow, _ context: TurnContext,
                 only: [String: SlotValue]? = nil) -> String {
        let values = only ?? state.slots
        return flow.states.compactMap { question -> String? in
            guard let value = values[question.id], let label = question.label else { return nil }
            let name = labels(of: label, context).first ?? question.id
            let text = display(value, context, as: question.slotType)
            return "• \(name): \(question.secret ? Self.masked(text) : text)"
        }.joined(separator: "\n")
    }

    private func displayArguments(_ state: ConversationState, _ flow: Flow, _ context: TurnContext)
        -> [String: String]
    {
        let secrets = Set(flow.states.filter(\.secret).map(\.id))
        return Dictionary(uniqueKeysWithValues: state.slots.map { id, value in
            (id, secrets.contains(id) ? Self.masked(display(value, context)) : display(value, context))
        })
    }

    /// A secret answer as summaries show it: its last four characters only ("•••• 3000").
    static func masked(_ text: String) -> String {
        let characters = text.filter { !$0.isWhitespace }
        return "•••• " + String(characters.suffix(4))
    }

    /// An answer as people read it: an option by its label; the options ticked in a `choices` answer likewise.
    private func display(_ value: SlotValue, _ context: TurnContext, as type: SlotType? = nil) -> String {
        if case .choice(let id) = value { return labels(of: "option.\(id)", context).first ?? id }
        if type == .choices, case .list(let ids) = value {
            return ids.map { labels(of: "option.\($0)", context).first ?? $0 }.joined(separator: ", ")
        }
        return localizer.display(value, context.language)
    }

    // MARK: - Command words

    /// Whether `command` is one of the words of `key`, in any language.
    private func matches(_ command: String, _ key: String, _ context: TurnContext) -> Bool {
        commandWords[key]?.contains(command) ?? localizer.wordsInAnyLanguage(key, context.language).contains(command)
    }

    /// "never mind, wrong button", "iptal — yanlış tuş": a cancel word, then a comma or a dash and words that give
    /// no value ("stop, it was 2 hours" is no cancel).
    private func cancelsWithAReason(_ command: String, _ context: TurnContext) -> Bool {
        // Most messages hold neither a comma nor a dash (0xE2 leads "—" and "–"): a byte scan decides.
        guard command.utf8.contains(where: { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "-") || $0 == 0xE2 })
        else { return false }
        let characters = Array(command)
        let spaced = { (index: Int) in index > 0 && index + 1 < characters.count
            && characters[index - 1] == " " && characters[index + 1] == " " }
        guard let end = characters.indices.first(where: { index in
            let character = characters[index]
            return character == "," || character == "—" || character == "–" || (character == "-" && spaced(index))
        }) else { return false }
        return matches(String(characters[..<end]).trimmed(Trim.whitespace), EngineText.wordsCancel, context)
            && !localizer.lexicon(context.language).mayCarryValue(String(characters[(end + 1)...]))
    }

    /// For `language bg`: the word after a command word (of any language), lower-cased.
    private func argument(of command: String, words key: String, _ context: TurnContext) -> String? {
        for word in localizer.wordsInAnyLanguage(key, context.language) where command.hasPrefix(word + " ") {
            return command.dropFirst(word.count + 1).trimmed(Trim.whitespace)
        }
        return nil
    }
}

/// Scores the engine on a corpus: each utterance goes through `Engine.handle` as a message (pure: no database,
/// no clock), and what it started or answered is compared with what the corpus expects.
public struct CorpusRunner: Sendable {
    /// The outcome of one utterance.
    public struct Outcome: Sendable {
        public let entry: Corpus.Entry
        public let file: String
        /// What the engine made of it, in the corpus notation.
        public let understood: [Corpus.Expectation]
        public let passed: Bool

        public var description: String {
            "\(file):\(entry.line): \"\(entry.text)\" → expected "
                + entry.expected.map(\.description).joined(separator: "; ") + ", understood "
                + (understood.isEmpty ? "nothing" : understood.map(\.description).joined(separator: "; "))
        }
    }

    /// Understood / total, per language.
    public struct Score: Sendable, Hashable {
        public var understood = 0
        public var total = 0

        public var percent: Double { total == 0 ? 100 : Double(understood) * 100 / Double(total) }
    }

    public let engine: Engine

    public init(engine: Engine) { self.engine = engine }

    public func run(_ corpus: Corpus) -> [Outcome] {
        corpus.entries.map { run($0, file: corpus.file) }
    }

    /// Scores per language of `outcomes`.
    public static func scores(_ outcomes: [Outcome]) -> [String: Score] {
        var scores: [String: Score] = [:]
        for outcome in outcomes {
            scores[outcome.entry.setting.language, default: Score()].total += 1
            if outcome.passed { scores[outcome.entry.setting.language, default: Score()].understood += 1 }
        }
        return scores
    }

    func run(_ entry: Corpus.Entry, file: String) -> Outcome {
        let setting = entry.setting
        let context = TurnContext(
            language: setting.language, now: Int64(setting.today.daysSinceEpoch) * 86_400_000 + 36_000_000,
            today: setting.today, roles: setting.roles, template: setting.template,
            programmeDays: setting.programmeStart...setting.programmeStart.adding(days: 365))
        var state = ConversationState()
        state.updatedAt = context.now
        if let (flowID, question) = setting.asking, let flow = engine.catalog.flow(flowID) {
            state.flow = flowID
            state.state = question
            for earlier in flow.states {
                guard question == FlowTarget.confirm || earlier.id != question else { break }
                if let type = earlier.slotType, let sample = Self.sample(type, earlier, setting.today) {
                    state.slots[earlier.id] = sample
                    state.history.append(earlier.id)
                }
            }
        }
        let turn = engine.handle(Inbound(text: entry.text), in: state, context: context)
        var understood: [Corpus.Expectation] = []
        var slots = turn.state.slots
        var performed = false
        for case .perform(let request) in turn.effects {
            performed = true
            if setting.asking == nil { understood.append(.flow(request.flow)) }
            slots.merge(request.slots) { current, _ in current }
        }
        if setting.asking == nil, !performed, let open = turn.state.flow { understood.append(.flow(open)) }
        let before = state.slots
        for (name, value) in slots.sorted(by: { $0.key < $1.key }) where before[name] != value {
            understood.append(.value(name: name, rendered: Corpus.render(value)))
        }
        if let (_, question) = setting.asking {
            if turn.state.skipped.contains(question) { understood.append(.skipped) }
            if question == FlowTarget.confirm {
                understood.append(performed ? .saved : turn.state.flow == nil ? .notSaved : .again)
            } else if turn.state.state == question, turn.state.slots[question] == nil {
                understood.append(.again)
            }
        }
        let passed = entry.expected.allSatisfy { expected in
            guard case .absent(let name) = expected else { return understood.contains(expected) }
            return !understood.contains { if case .value(name, _) = $0 { true } else { false } }
        }
        return Outcome(entry: entry, file: file, understood: understood, passed: passed)
    }

    /// A plausible answer of `type`, to fill the questions before the one a corpus entry answers.
    static func sample(_ type: SlotType, _ question: FlowState, _ today: CalendarDate) -> SlotValue? {
        switch type {
        case .text: return .text("sample")
        case .choice: return question.options.first.map { .choice($0) }
        case .choices: return question.options.first.map { .list([$0]) }
        case .yesno: return .yesno(true)
        case .integer: return .integer(1)
        case .date: return .date(today.adding(days: -1))
        case .time: return .time(ClockTime(hour: 10, minute: 0)!)
        case .duration: return .duration(minutes: 45)
        case .money: return .money(Money(minorUnits: 1000, currency: question.currency ?? "EUR"))
        case .attachment: return nil
        case .list: return .list(["sample"])
        }
    }
}

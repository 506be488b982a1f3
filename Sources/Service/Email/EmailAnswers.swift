import Channels
import Engine
import Foundation

/// Turns the new text of one email into the messages the engine gets, so one email answers as many questions
/// as it can ("email is not chat").
///
/// - A greeting line before the text, and a closing line ("Best,") with everything after it, are dropped.
/// - With no flow open, the opening message is the first of the first three lines that starts a flow (lines
///   before it are dropped) followed by every `label: value` line of that flow, so the
///   engine's prefill fills them all at once. Without a trigger word, the flow whose labels the `key: value`
///   lines name most is started (a filled-in form of the bot's own email). Without either, the whole text is the
///   one message.
/// - The remaining lines then answer the open flow's questions in the order it asks them: a `label: value` line
///   answers its question when it comes up, other lines answer whatever is asked (including the confirmation);
///   an optional question is skipped when the email answered later ones but not it.
struct EmailAnswers {
    /// The most messages one email becomes.
    static let maxSteps = 12
    /// A command is looked for in this many first lines (a greeting may come before it).
    static let commandLines = 3

    private let catalog: DialogCatalog
    private let language: String
    private var lines: [String]
    /// Answers by question id, for the open flow.
    private var labelled: [String: String] = [:]
    private var flowID: String?

    /// The answers in `text`, for someone speaking `language` whose conversation is in `state`.
    init(text: String, catalog: DialogCatalog, language: String) {
        self.catalog = catalog
        self.language = language
        var lines = text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty }
        // "Hi Tandem," before the text and "Best," (with the name under it) after it are no answers.
        if let first = lines.first, Self.isSalutation(first) { lines.removeFirst() }
        if let closing = lines.dropFirst().firstIndex(where: Self.isSalutation) { lines.removeSubrange(closing...) }
        self.lines = lines
    }

    /// The first message when no flow is open, consuming the lines it uses; nil when there is nothing to say.
    mutating func opening() -> String? {
        if let index = lines.indices.prefix(Self.commandLines).first(where: { trigger(of: lines[$0]) != nil }),
           let flow = trigger(of: lines[index]) {
            let first = lines[index]
            lines.removeSubrange(...index)
            return ([first] + takeFields(of: flow)).joined(separator: " ")
        }
        let fields = lines.flatMap { KeyValueForm.fields(in: $0) }
        let scored = catalog.flows.compactMap { flow -> (Flow, Int, String)? in
            guard let key = flow.trigger, let word = catalog.localizer.words(key, language).first else { return nil }
            let score = fields.filter { question(of: flow, for: $0.key) != nil }.count
            return score > 0 ? (flow, score, word) : nil
        }
        if let best = scored.max(by: { $0.1 < $1.1 }) {
            return ([best.2] + takeFields(of: best.0)).joined(separator: " ")
        }
        guard !lines.isEmpty else { return nil }
        defer { lines = [] }
        return lines.joined(separator: "\n")
    }

    /// Whether the first line starts a flow — an email about something new, not an answer.
    /// Never for yes, no or skip, which may be trigger words too but answer a question first.
    var startsWithTrigger: Bool {
        guard let line = lines.first else { return false }
        let answers = ["words.yes", "words.no", "words.skip"].flatMap { catalog.localizer.words($0, language) }
        let word = line.lowercased().trimmingCharacters(in: CharacterSet(charactersIn: "!?.,;: "))
        return !answers.contains(word) && trigger(of: line) != nil
    }

    /// A greeting or closing line such as "Hi Tandem," or "Best regards," — short and ending in a comma.
    /// (Greetings on their own, "hi", are a command: what's next.)
    static func isSalutation(_ line: String) -> Bool {
        line.hasSuffix(",") && line.split(separator: " ").count <= 4
    }

    /// The next answer for a conversation in `state`, consuming it; nil when the email has nothing for it.
    mutating func next(for state: ConversationState) -> String? {
        guard let flowID = state.flow, let flow = catalog.flow(flowID), let current = state.state else { return nil }
        if self.flowID != flowID {
            self.flowID = flowID
            labelled = [:]
            var rest: [String] = []
            for line in lines {
                if let field = KeyValueForm.fields(in: line).first, let id = question(of: flow, for: field.key)?.id {
                    if labelled[id] == nil { labelled[id] = field.value }
                } else {
                    rest.append(line)
                }
            }
            lines = rest
        }
        if let value = labelled.removeValue(forKey: current) { return value }
        if !lines.isEmpty { return lines.removeFirst() }
        if !labelled.isEmpty, flow.state(current)?.optional == true {
            return catalog.localizer.lexicon(language).skip.first ?? "skip"
        }
        return nil
    }

    /// The flow whose trigger word starts `line`, matched by the engine's one matcher.
    private func trigger(of line: String) -> Flow? {
        TriggerMatcher(catalog: catalog).starting(line, language: language)?.flow
    }

    /// The question of `flow` whose label words include `key`.
    private func question(of flow: Flow, for key: String) -> FlowState? {
        flow.states.first { state in
            guard let label = state.label else { return false }
            return catalog.localizer.words(label, language).contains(key)
        }
    }

    /// Removes the `label: value` lines naming questions of `flow` and returns them as `label: value` text.
    private mutating func takeFields(of flow: Flow) -> [String] {
        var taken: [String] = []
        var rest: [String] = []
        for line in lines {
            if let field = KeyValueForm.fields(in: line).first, question(of: flow, for: field.key) != nil {
                taken.append("\(field.key): \(field.value)")
            } else {
                rest.append(line)
            }
        }
        lines = rest
        return taken
    }
}

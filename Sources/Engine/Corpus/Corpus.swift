import Foundation

/// An utterance corpus: messages people really write, each with what Tandem must understand of it — the flow it
/// starts and the answers it fills, or the answer it gives to the question being asked. `tandem dialogs corpus`
/// scores the engine on it (understood / total per language); `swift test` holds it to at least 95 %.
///
/// ```
/// @ language en                    # the speaker's language setting
/// @ today 2026-03-14               # the speaker's today
/// @ role mentee                    # their role, in a programme of this template (for which flows they may use)
/// @ programme staff_peers
/// @ idle                           # the messages below are sent with nothing open (the default)
/// met marco today for an hour, talked about budgets => log_session; date=2026-03-14; duration=60; topics=budgets
/// @ asking log_session start       # the messages below answer this question of that flow (or `confirm`)
/// Hi, we started at 2:30pm. => start=14:30
/// None => skipped
/// ```
///
/// After `=>`, separated by `;`: the flow the message starts (first, when idle), `NAME=VALUE` for each answer
/// (dates `2026-03-14`, times `14:30`, durations in minutes, amounts `45.50 EUR`, list items joined by `|`, yes/no,
/// a choice's option id), `no NAME` (no answer to NAME was taken: "2-3 hours" is no length), `skipped` (the question
/// was skipped), `saved` / `not saved` (the confirmation), `again` (the question is asked again: nothing was taken).
public struct Corpus: Sendable {
    /// One utterance and what it must produce.
    public struct Entry: Sendable {
        public let text: String
        public let expected: [Expectation]
        public let setting: Setting
        public let line: Int
    }

    /// Where the speaker is when they say it.
    public struct Setting: Sendable, Hashable {
        public var language = "en"
        public var today = CalendarDate(year: 2026, month: 3, day: 14)!
        public var roles: Set<String> = ["mentee"]
        public var template: String? = "staff_peers"
        /// The programme's first day (it runs a year from then).
        public var programmeStart = CalendarDate(year: 2026, month: 3, day: 2)!
        /// The flow and question being answered; nil = nothing open.
        public var asking: (flow: String, question: String)? {
            get { askingFlow.map { ($0, askingQuestion ?? "") } }
            set {
                askingFlow = newValue?.flow
                askingQuestion = newValue?.question
            }
        }
        var askingFlow: String?
        var askingQuestion: String?
    }

    /// What an utterance must produce.
    public enum Expectation: Sendable, Hashable, CustomStringConvertible {
        case flow(String)
        case value(name: String, rendered: String)
        /// No answer to the question of that name was taken.
        case absent(name: String)
        case skipped, saved, notSaved, again

        public var description: String {
            switch self {
            case .flow(let id): return id
            case .value(let name, let rendered): return "\(name)=\(rendered)"
            case .absent(let name): return "no \(name)"
            case .skipped: return "skipped"
            case .saved: return "saved"
            case .notSaved: return "not saved"
            case .again: return "again"
            }
        }
    }

    public let file: String
    public let entries: [Entry]

    /// Parses a corpus file; a line that is neither a directive, a comment nor `TEXT => EXPECTED` is an error.
    public static func parse(_ text: String, file: String) throws(FlowFileError) -> Corpus {
        var setting = Setting()
        var entries: [Entry] = []
        for (index, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = index + 1
            let trimmed = raw.trimmed(Trim.whitespace)
            if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
            func fail(_ message: String) -> FlowFileError { FlowFileError(file: file, line: line, message: message) }
            if trimmed.hasPrefix("@") {
                let words = trimmed.dropFirst().split(separator: " ").map(String.init)
                switch (words.first, words.count) {
                case ("language", 2): setting.language = words[1]
                case ("today", 2):
                    guard let date = CalendarDate(iso: words[1]) else { throw fail("expected `@ today YYYY-MM-DD`") }
                    setting.today = date
                case ("role", 2...): setting.roles = Set(words.dropFirst().map { $0.trimmingCharacters(in: [","]) })
                case ("programme", 2...3):
                    setting.template = words[1]
                    if words.count == 3 {
                        guard let start = CalendarDate(iso: words[2]) else {
                            throw fail("expected `@ programme TEMPLATE [YYYY-MM-DD]`")
                        }
                        setting.programmeStart = start
                    }
                case ("idle", 1): setting.asking = nil
                case ("asking", 3): setting.asking = (words[1], words[2])
                default:
                    throw fail("unknown directive (language CODE, today DATE, role ROLE, programme TEMPLATE, idle, "
                        + "asking FLOW QUESTION)")
                }
                continue
            }
            guard let arrow = trimmed.range(of: " => ") else { throw fail("expected `TEXT => EXPECTED`") }
            let expected = trimmed[arrow.upperBound...].split(separator: ";").map {
                $0.trimmed(Trim.whitespace)
            }.filter { !$0.isEmpty }
            var expectations: [Expectation] = []
            for (position, item) in expected.enumerated() {
                if let equals = item.firstIndex(of: "=") {
                    expectations.append(.value(
                        name: item[..<equals].trimmed(Trim.whitespace),
                        rendered: item[item.index(after: equals)...].trimmed(Trim.whitespace)))
                    continue
                }
                if item.hasPrefix("no "), FlowFileParser.isIdentifier(String(item.dropFirst(3))) {
                    expectations.append(.absent(name: String(item.dropFirst(3))))
                    continue
                }
                switch item {
                case "skipped": expectations.append(.skipped)
                case "saved": expectations.append(.saved)
                case "not saved": expectations.append(.notSaved)
                case "again": expectations.append(.again)
                default:
                    guard position == 0, FlowFileParser.isIdentifier(item) else {
                        throw fail("cannot read the expectation `\(item)`")
                    }
                    expectations.append(.flow(item))
                }
            }
            guard !expectations.isEmpty else { throw fail("nothing expected after `=>`") }
            entries.append(Entry(
                text: String(trimmed[..<arrow.lowerBound]), expected: expectations, setting: setting, line: line))
        }
        return Corpus(file: file, entries: entries)
    }

    /// A value as the corpus writes it.
    public static func render(_ value: SlotValue) -> String {
        switch value {
        case .duration(let minutes): return String(minutes)
        case .list(let items): return items.joined(separator: "|")
        default: return SlotDisplay.text(value)
        }
    }
}

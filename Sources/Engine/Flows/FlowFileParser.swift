import Foundation

/// Reads the `.flow` format documented in `Dialogs/README.md` into `Flow` values, with `FILE:LINE` errors.
public enum FlowFileParser {
    /// Parses one file. `lexicon` is used to read rule bounds such as `min 5 min`.
    public static func parse(_ text: String, file: String, lexicon: Lexicon) throws(FlowFileError) -> Flow {
        var flow: Flow?
        var current: FlowState?

        func fail(_ line: Int, _ message: String) -> FlowFileError {
            FlowFileError(file: file, line: line, message: message)
        }
        func finishState() {
            if let state = current { flow?.states.append(state) }
            current = nil
        }

        for (index, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let number = index + 1
            let line = stripComment(String(raw)).trimmed(Trim.whitespace)
            if line.isEmpty { continue }
            let isIndented = raw.first == " " || raw.first == "\t"

            if !isIndented {
                finishState()
                let words = line.split(separator: " ", maxSplits: 1).map(String.init)
                switch words.first {
                case "flow":
                    guard flow == nil else { throw fail(number, "only one `flow` per file") }
                    guard words.count == 2, isIdentifier(words[1]) else {
                        throw fail(number, "expected `flow NAME` (letters, digits, _)")
                    }
                    flow = Flow(id: words[1], file: file, line: number, title: "", states: [])
                case "ask":
                    guard flow != nil else { throw fail(number, "`ask` before `flow NAME`") }
                    guard words.count == 2, let colon = words[1].firstIndex(of: ":") else {
                        throw fail(number, "expected `ask NAME: TYPE`")
                    }
                    let name = words[1][..<colon].trimmed(Trim.whitespace)
                    let typeName = words[1][words[1].index(after: colon)...].trimmed(Trim.whitespace)
                    guard isIdentifier(name) else { throw fail(number, "invalid state name `\(name)`") }
                    guard let type = SlotType(rawValue: typeName) else {
                        let known = SlotType.allCases.map(\.rawValue).joined(separator: ", ")
                        throw fail(number, "unknown slot type `\(typeName)` (known: \(known))")
                    }
                    try checkUnique(name, in: flow, line: number, file: file)
                    current = FlowState(id: name, kind: .ask(type), line: number)
                case "say":
                    guard flow != nil else { throw fail(number, "`say` before `flow NAME`") }
                    guard words.count == 2, isIdentifier(words[1]) else { throw fail(number, "expected `say NAME`") }
                    try checkUnique(words[1], in: flow, line: number, file: file)
                    current = FlowState(id: words[1], kind: .say, line: number)
                default:
                    throw fail(number, "expected `flow NAME`, `ask NAME: TYPE` or `say NAME` at the start of a line")
                }
                continue
            }

            // An indented `key: value` (or a bare `optional`) belongs to the block above it.
            let (key, value) = splitSetting(line)
            if var state = current {
                try apply(key, value, to: &state, line: number, file: file, lexicon: lexicon)
                current = state
            } else if var header = flow {
                try apply(key, value, to: &header, line: number, file: file)
                flow = header
            } else {
                throw fail(number, "setting `\(key)` outside any block")
            }
        }
        finishState()
        guard let flow else { throw fail(1, "no `flow NAME` line") }
        guard !flow.title.isEmpty else { throw fail(flow.line, "flow `\(flow.id)` needs a `title:`") }
        return flow
    }

    // MARK: - Settings

    private static func apply(_ key: String, _ value: String, to flow: inout Flow, line: Int, file: String)
        throws(FlowFileError)
    {
        func fail(_ message: String) -> FlowFileError { FlowFileError(file: file, line: line, message: message) }
        guard !value.isEmpty else { throw fail("`\(key):` needs a value") }
        switch key {
        case "trigger": flow.trigger = value
        case "trigger anywhere": flow.triggerAnywhere = value
        case "hints": flow.hints = value
        case "edits": flow.edits = value
        case "replaces": flow.replaces = value
        case "unique": flow.unique = value
        case "title": flow.title = value
        case "action":
            flow.action = value
            flow.actionLine = line
        case "confirm": flow.confirm = value
        case "programmes":
            flow.templates = Set(value.split(separator: ",").map { $0.trimmed(Trim.whitespace) })
        case "menu" where Int(value) != nil:
            guard let rank = Int(value), (1...99).contains(rank) else { throw fail("expected `menu: 1` to `99`") }
            flow.menuRank = rank
        case let setting where setting.hasPrefix("menu in "):
            let template = setting.dropFirst("menu in ".count).trimmed(Trim.whitespace)
            guard isIdentifier(template), let rank = Int(value), (1...99).contains(rank) else {
                throw fail("expected `menu in TEMPLATE: 1` to `99`")
            }
            flow.menuRanks[template] = rank
        case "starts on file", "interrupts", "yields", "sensitive", "menu", "on disclosure", "keep messages":
            guard value == "yes" || value == "no" else { throw fail("expected `\(key): yes` or `no`") }
            switch key {
            case "interrupts": flow.interrupts = value == "yes"
            case "on disclosure": flow.onDisclosure = value == "yes"
            case "keep messages": flow.keepsMessages = value == "yes"
            case "yields": flow.yields = value == "yes"
            case "sensitive": flow.sensitive = value == "yes"
            case "menu": flow.inMenu = value == "yes"
            default: flow.startsOnFile = value == "yes"
            }
        case "from message":
            let names = value.split(separator: " ").map { word -> String? in
                guard word.hasPrefix("{"), word.hasSuffix("}"), word.count > 2 else { return nil }
                return String(word.dropFirst().dropLast())
            }
            guard !names.isEmpty, names.allSatisfy({ $0.map(isIdentifier) ?? false }) else {
                throw fail("expected `from message: {QUESTION} {QUESTION} …` (the questions the words answer)")
            }
            flow.arguments = names.compactMap { $0 }
            flow.argumentsLine = line
        case "for":
            let names = Set(value.split(separator: ",").map { $0.trimmed(Trim.whitespace) })
            switch names {
            case ["anyone"]: flow.audience = .anyone
            case ["newcomers"]: flow.audience = .newcomers
            case ["enrolled"]: flow.audience = .enrolled
            default: flow.audience = .roles(names)
            }
        case "expires":
            guard let minutes = parseMinutes(value) else { throw fail("expected `expires: N min` or `N h`") }
            flow.expiresAfterMinutes = minutes
        case "group rooms":
            guard let place = Flow.GroupRooms(rawValue: value) else {
                throw fail("expected `group rooms: pair` or `private`")
            }
            flow.groupRooms = place
        default:
            throw fail(
                "unknown flow setting `\(key)` (known: trigger, trigger anywhere, title, action, confirm, for, "
                    + "programmes, starts on file, interrupts, yields, sensitive, expires, from message, menu, "
                    + "menu in TEMPLATE, group rooms, hints, edits, replaces, unique, on disclosure, keep messages)")
        }
    }

    private static func apply(
        _ key: String, _ value: String, to state: inout FlowState, line: Int, file: String, lexicon: Lexicon
    ) throws(FlowFileError) {
        func fail(_ message: String) -> FlowFileError { FlowFileError(file: file, line: line, message: message) }
        if key == "optional" || key == "from message" || key == "secret" || key == "checked" || key == "spotted" {
            guard state.slotType != nil else { throw fail("only questions can be `\(key)`") }
            switch key {
            case "optional": state.optional = true
            case "secret": state.secret = true
            case "checked": state.checked = true
            case "spotted":
                guard state.slotType == .choice else { throw fail("`spotted` belongs to a choice question") }
                state.spotted = true
            default: state.fromMessage = true
            }
            return
        }
        guard !value.isEmpty else { throw fail("`\(key):` needs a value") }
        switch key {
        case "prompt", "text": state.prompt = value
        case "label": state.label = value
        case "rule":
            guard let type = state.slotType else { throw fail("rules apply to questions only") }
            guard let rule = SlotRule.parse(value, for: type, lexicon: lexicon) else {
                throw fail("cannot read rule `\(value)` for a \(type.rawValue) answer")
            }
            state.rules.append(rule)
        case "options":
            guard state.slotType == .choice || state.slotType == .choices else {
                throw fail("`options:` belongs to a choice or choices question")
            }
            state.options = value.split(separator: ",").map { $0.trimmed(Trim.whitespace) }
            guard state.options.allSatisfy(isIdentifier) else { throw fail("option ids are letters, digits and _") }
        case "otherwise":
            guard state.slotType == .choice else { throw fail("`otherwise:` belongs to a choice question") }
            state.otherwise = value
            state.otherwiseLine = line
        case "dates":
            guard state.slotType == .date, let direction = DateDirection(rawValue: value) else {
                throw fail("`dates:` is `past` or `future`, on a date question")
            }
            state.direction = direction
        case "accept":
            guard state.slotType == .attachment else { throw fail("`accept:` belongs to an attachment question") }
            state.accepts = value.split(separator: ",").map { $0.trimmed(Trim.whitespace).lowercased() }
            guard state.accepts.allSatisfy(isMediaType) else {
                throw fail("`accept:` lists media types such as image/jpeg, application/pdf")
            }
        case "currency":
            guard state.slotType == .money, value.count == 3, value.allSatisfy(\.isUppercase) else {
                throw fail("`currency:` is an ISO 4217 code such as EUR, on a money question")
            }
            state.currency = value
        case "scale":
            guard state.slotType == .integer else { throw fail("`scale:` belongs to an integer question") }
            state.scale = value
        case "phrases":
            guard state.slotType == .list || state.slotType == .text else {
                throw fail("`phrases:` belongs to a text or list question")
            }
            state.phrases = value
        case "next":
            state.next = value
            state.nextLine = line
        default:
            if key.hasPrefix("if ") {
                let answer = String(key.dropFirst(3)).trimmed(Trim.whitespace)
                guard !answer.isEmpty else { throw fail("expected `if VALUE: STATE`") }
                state.branches.append(.init(value: answer, target: value, line: line))
            } else {
                throw fail(
                    "unknown setting `\(key)` (known: prompt, text, label, optional, from message, secret, checked, "
                        + "rule, options, otherwise, dates, accept, currency, scale, phrases, next, if VALUE)")
            }
        }
    }

    // MARK: - Helpers

    /// `type/subtype`, each of letters, digits and `.+-`.
    private static func isMediaType(_ text: String) -> Bool {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        return parts.count == 2 && parts.allSatisfy { part in
            !part.isEmpty && part.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "+-.".contains($0)) }
        }
    }

    private static func checkUnique(_ name: String, in flow: Flow?, line: Int, file: String) throws(FlowFileError) {
        if [FlowTarget.confirm, FlowTarget.done].contains(name) {
            throw FlowFileError(file: file, line: line, message: "`\(name)` is reserved")
        }
        if let existing = flow?.states.first(where: { $0.id == name }) {
            throw FlowFileError(file: file, line: line, message: "state `\(name)` already declared on line \(existing.line)")
        }
    }

    private static func splitSetting(_ line: String) -> (String, String) {
        guard let colon = line.firstIndex(of: ":") else { return (line, "") }
        return (
            line[..<colon].trimmed(Trim.whitespace),
            line[line.index(after: colon)...].trimmed(Trim.whitespace)
        )
    }

    private static func stripComment(_ line: String) -> String {
        guard let hash = line.firstIndex(of: "#") else { return line }
        return String(line[..<hash])
    }

    static func isIdentifier(_ text: String) -> Bool {
        !text.isEmpty && text.allSatisfy { ($0.isASCII && ($0.isLetter || $0.isNumber)) || $0 == "_" }
    }

    /// `N min` or `N h`, at most a year (so no arithmetic on it can overflow).
    private static func parseMinutes(_ text: String) -> Int? {
        let parts = text.split(separator: " ")
        guard parts.count == 2, let n = Int(parts[0]), (1...525_600).contains(n) else { return nil }
        switch parts[1] {
        case "min", "minutes": return n
        case "h", "hours": return n <= 8_760 ? n * 60 : nil
        default: return nil
        }
    }
}

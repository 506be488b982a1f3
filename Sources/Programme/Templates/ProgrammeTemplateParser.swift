import Engine
import Foundation

/// Reads `.programme` files (format documented in `Dialogs/README.md`) with `FILE:LINE` errors.
///
/// ```
/// template staff_peers
///   title: programme.staff.title
///   length: 8 weeks
///   meetings: 4 of 45 min
///   rhythm: 2 weeks
///   roles: mentee, mentor, facilitator, coordinator
///   completion: meetings 4, documents agenda_form, evaluation
/// step session_1
///   title: programme.staff.step.session_1
///   instruction: programme.staff.step.session_1.instruction
///   from: day 0
///   to: week 2
///   led by: mentee
/// document agenda_form
///   title: programme.staff.document.agenda_form
///   owner: mentee, mentor
///   due: week 1
/// budget mentee travel: 600 EUR
/// budget total mentor: 270 EUR
/// claims line limit: warn
/// claims role limit: block
/// claims receipt: warn
/// claims deadline: 60 days after expense, block
/// rate BGN: 1.95583 per EUR from 2026-01-01
/// ```
///
/// `budget ROLE CATEGORY` is the most that role may claim in one category; `budget total ROLE` caps all its
/// lines together (default: their sum). Each `claims` rule is `warn` (the claim goes through, flagged) or
/// `block` (refused with the reason): `line limit`, `role limit`, `receipt` (a claim without one) and
/// `deadline` (`N days|weeks|months after expense`, or a programme day such as `month 10`, then the severity).
/// `rate` fixes an exchange rate (units per euro, exact decimal, from a date); rates a coordinator sets win.
/// `completion` lists, separated by commas, what a certificate of satisfactory completion needs: `meetings N` (the
/// pair logged N meetings), `documents ID…` (declared documents; each person owes those their role owns),
/// `evaluation` (the person evaluated the programme), `transferability` (the pair assessed a measure).
public enum ProgrammeTemplateParser {
    public static func parse(_ text: String, file: String) throws(FlowFileError) -> ProgrammeTemplate {
        var template: ProgrammeTemplate?
        var block: Block = .none

        enum Block {
            case none, header
            case step(ProgrammeTemplate.Step)
            case document(ProgrammeTemplate.Document)
        }
        func fail(_ line: Int, _ message: String) -> FlowFileError { FlowFileError(file: file, line: line, message: message) }
        func close() {
            switch block {
            case .step(let step): template?.steps.append(step)
            case .document(let document): template?.documents.append(document)
            case .none, .header: break
            }
            block = .none
        }

        for (index, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let number = index + 1
            let line = String(raw.prefix { $0 != "#" }).trimmingCharacters(in: .whitespaces)
            if line.isEmpty { continue }
            let indented = raw.first == " " || raw.first == "\t"
            let (key, value) = split(line)
            if !indented {
                close()
                let words = line.split(separator: " ").map(String.init)
                switch words.first {
                case "template":
                    guard template == nil, words.count == 2 else { throw fail(number, "expected one `template NAME`") }
                    template = ProgrammeTemplate(id: words[1], file: file)
                    block = .header
                case "step", "document":
                    guard template != nil else { throw fail(number, "`\(words[0])` before `template NAME`") }
                    guard words.count == 2 else { throw fail(number, "expected `\(words[0]) NAME`") }
                    let id = words[1]
                    if template?.steps.contains(where: { $0.id == id }) == true
                        || template?.documents.contains(where: { $0.id == id }) == true {
                        throw fail(number, "`\(id)` is declared twice")
                    }
                    block = words[0] == "step"
                        ? .step(.init(id: id, line: number)) : .document(.init(id: id, line: number))
                case "budget" where key.split(separator: " ").count == 3 && key.hasPrefix("budget total "):
                    guard template != nil else { throw fail(number, "`budget` before `template NAME`") }
                    let name = String(key.dropFirst("budget total ".count))
                    guard let role = Role(rawValue: name) else { throw fail(number, "unknown role `\(name)`") }
                    guard let limit = money(value) else { throw fail(number, "cannot read amount `\(value)`") }
                    template?.budgetTotals[role] = limit
                case "claims":
                    guard template != nil else { throw fail(number, "`claims` before `template NAME`") }
                    try applyClaimRule(key, value, to: &template, line: number, file: file)
                case "rate":
                    guard template != nil else { throw fail(number, "`rate` before `template NAME`") }
                    let parts = value.split(separator: " ").map(String.init)
                    guard key.count == 8, parts.count == 5, parts[1] == "per", parts[2] == "EUR", parts[3] == "from",
                          let date = CalendarDate(iso: parts[4]),
                          let rate = ExchangeRate(currency: String(key.dropFirst(5)), perEUR: parts[0], date: date)
                    else { throw fail(number, "expected `rate CUR: 1.95583 per EUR from YYYY-MM-DD`") }
                    template?.fixedRates.append(rate)
                case "budget":
                    guard template != nil else { throw fail(number, "`budget` before `template NAME`") }
                    let target = key.split(separator: " ").map(String.init)
                    guard target.count == 3, let role = Role(rawValue: target[1]) else {
                        throw fail(number, "expected `budget ROLE CATEGORY: AMOUNT CURRENCY`")
                    }
                    guard let limit = money(value) else { throw fail(number, "cannot read amount `\(value)`") }
                    template?.budgets.append(.init(role: role, category: target[2], limit: limit))
                default:
                    throw fail(number, "expected `template`, `step`, `document`, `budget`, `claims` or `rate` "
                        + "at the start of a line")
                }
                continue
            }
            switch block {
            case .none: throw fail(number, "setting outside any block")
            case .header:
                guard var header = template else { throw fail(number, "setting before `template NAME`") }
                try applyHeader(key, value, to: &header, line: number, file: file)
                template = header
            case .step(var step):
                try apply(key, value, to: &step, line: number, file: file)
                block = .step(step)
            case .document(var document):
                try apply(key, value, to: &document, line: number, file: file)
                block = .document(document)
            }
        }
        close()
        guard let template else { throw fail(1, "no `template NAME` line") }
        guard !template.title.isEmpty else { throw fail(1, "template needs a `title:`") }
        guard template.lengthDays > 0 else { throw fail(1, "template needs a `length:`") }
        if let rule = template.completion {
            let declared = template.documents.map(\.id)
            for document in rule.documents where !declared.contains(document) {
                throw fail(rule.line, "`completion:` names `\(document)`, which is not a declared document "
                    + "(declared: \(declared.isEmpty ? "none" : declared.joined(separator: ", ")))")
            }
        }
        return template
    }

    // MARK: - Blocks

    private static func applyHeader(
        _ key: String, _ value: String, to template: inout ProgrammeTemplate, line: Int, file: String
    ) throws(FlowFileError) {
        func fail(_ message: String) -> FlowFileError { FlowFileError(file: file, line: line, message: message) }
        switch key {
        case "title": template.title = value
        case "length":
            guard let days = days(value) else { throw fail("expected e.g. `length: 9 months`") }
            template.lengthDays = days
        case "meetings":
            let parts = value.components(separatedBy: " of ")
            guard let count = Int(parts[0].trimmingCharacters(in: .whitespaces)), (0...10_000).contains(count) else {
                throw fail("expected e.g. `meetings: 4 of 45 min`")
            }
            template.expectedMeetings = count
            if parts.count == 2 {
                guard let minutes = minutes(parts[1]) else { throw fail("expected e.g. `meetings: 4 of 45 min`") }
                template.meetingMinutes = minutes
            }
        case "rhythm":
            guard let days = days(value) else { throw fail("expected e.g. `rhythm: 2 weeks`") }
            template.rhythmDays = days
        case "roles": template.roles = try roles(value, line: line, file: file)
        case "guardian consent":
            guard value == "required" || value == "not required" else {
                throw fail("expected `guardian consent: required` or `not required`")
            }
            template.requiresGuardianConsent = value == "required"
        case "register":
            guard value.allSatisfy({ $0.isASCII && $0.isLowercase }) else {
                throw fail("expected a register such as `register: informal` (a folder of locales/<language>/)")
            }
            template.register = value
        case "completion":
            guard template.completion == nil else { throw fail("`completion:` is set twice") }
            template.completion = try completion(value, line: line, file: file)
        default:
            throw fail(
                "unknown setting `\(key)` (title, length, meetings, rhythm, roles, guardian consent, register, "
                    + "completion)")
        }
    }

    private static func apply(
        _ key: String, _ value: String, to step: inout ProgrammeTemplate.Step, line: Int, file: String
    ) throws(FlowFileError) {
        func fail(_ message: String) -> FlowFileError { FlowFileError(file: file, line: line, message: message) }
        switch key {
        case "title": step.title = value
        case "instruction": step.instruction = value
        case "from", "to":
            guard let day = offset(value, end: key == "to") else {
                throw fail("expected e.g. `\(key): week 2`, `day 0` or `month 4`")
            }
            if key == "from" { step.fromDay = day } else { step.toDay = day }
        case "led by":
            guard let role = Role(rawValue: value) else { throw fail("unknown role `\(value)`") }
            step.ledBy = role
        default: throw fail("unknown step setting `\(key)` (title, instruction, from, to, led by)")
        }
    }

    private static func apply(
        _ key: String, _ value: String, to document: inout ProgrammeTemplate.Document, line: Int, file: String
    ) throws(FlowFileError) {
        func fail(_ message: String) -> FlowFileError { FlowFileError(file: file, line: line, message: message) }
        switch key {
        case "title": document.title = value
        case "owner": document.owners = try roles(value, line: line, file: file)
        case "due":
            guard let day = offset(value, end: true) else { throw fail("expected e.g. `due: week 6`") }
            document.dueDay = day
        default: throw fail("unknown document setting `\(key)` (title, owner, due)")
        }
    }

    /// `claims line limit|role limit|receipt: warn|block` and `claims deadline: LIMIT, warn|block`.
    private static func applyClaimRule(
        _ key: String, _ value: String, to template: inout ProgrammeTemplate?, line: Int, file: String
    ) throws(FlowFileError) {
        func fail(_ message: String) -> FlowFileError { FlowFileError(file: file, line: line, message: message) }
        let rule = String(key.dropFirst("claims ".count))
        if rule == "deadline" {
            let parts = value.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
            guard parts.count == 2, let severity = RuleSeverity(rawValue: parts[1]) else {
                throw fail("expected e.g. `claims deadline: 60 days after expense, block` or `month 10, warn`")
            }
            let limit: ClaimDeadline.Limit
            let suffix = " after expense"
            if parts[0].hasSuffix(suffix), let days = days(String(parts[0].dropLast(suffix.count))) {
                limit = .daysAfterExpense(days)
            } else if let day = offset(parts[0], end: true) {
                limit = .programmeDay(day)
            } else {
                throw fail("cannot read deadline `\(parts[0])` (e.g. `60 days after expense` or `month 10`)")
            }
            template?.claimRules.deadline = ClaimDeadline(limit: limit, severity: severity)
            return
        }
        guard let severity = RuleSeverity(rawValue: value) else { throw fail("expected `warn` or `block`") }
        switch rule {
        case "line limit": template?.claimRules.lineLimit = severity
        case "role limit": template?.claimRules.roleLimit = severity
        case "receipt": template?.claimRules.receipt = severity
        default: throw fail("unknown rule `claims \(rule)` (line limit, role limit, receipt, deadline)")
        }
    }

    /// `meetings N, documents ID ID, evaluation, transferability` (any of them, each once, in any order).
    private static func completion(_ value: String, line: Int, file: String) throws(FlowFileError) -> CompletionRule {
        func fail(_ message: String) -> FlowFileError { FlowFileError(file: file, line: line, message: message) }
        var rule = CompletionRule(line: line)
        var seen: Set<String> = []
        for item in value.split(separator: ",", omittingEmptySubsequences: false) {
            let words = item.split(separator: " ").map(String.init)
            guard let name = words.first else { throw fail("empty item in `completion:`") }
            guard seen.insert(name).inserted else { throw fail("`\(name)` appears twice in `completion:`") }
            switch name {
            case "meetings":
                guard words.count == 2, let count = Int(words[1]), (1...CompletionRule.maxMeetings).contains(count)
                else { throw fail("expected `meetings N` with N from 1 to \(CompletionRule.maxMeetings)") }
                rule.meetings = count
            case "documents":
                let documents = Array(words.dropFirst())
                guard (1...CompletionRule.maxDocuments).contains(documents.count) else {
                    throw fail("expected `documents ID …` naming 1 to \(CompletionRule.maxDocuments) documents")
                }
                guard Set(documents).count == documents.count else { throw fail("a document is named twice") }
                rule.documents = documents
            case "evaluation", "transferability":
                guard words.count == 1 else { throw fail("`\(name)` takes no value") }
                if name == "evaluation" { rule.evaluation = true } else { rule.transferability = true }
            default:
                throw fail(
                    "unknown completion item `\(name)` (meetings N, documents ID…, evaluation, transferability)")
            }
        }
        return rule
    }

    // MARK: - Values

    private static func split(_ line: String) -> (String, String) {
        guard let colon = line.firstIndex(of: ":") else { return (line, "") }
        return (line[..<colon].trimmingCharacters(in: .whitespaces),
                line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces))
    }

    private static func roles(_ text: String, line: Int, file: String) throws(FlowFileError) -> [Role] {
        var result: [Role] = []
        for name in text.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces) }) {
            guard let role = Role(rawValue: name) else {
                let known = Role.allCases.map(\.rawValue).joined(separator: ", ")
                throw FlowFileError(file: file, line: line, message: "unknown role `\(name)` (known: \(known))")
            }
            result.append(role)
        }
        return result
    }

    /// `N days|weeks|months` → days (a month counts 30 days); at most ten years, so nothing can overflow.
    static func days(_ text: String) -> Int? {
        let parts = text.split(separator: " ")
        guard parts.count == 2, let n = Int(parts[0]), (0...3_650).contains(n) else { return nil }
        switch parts[1] {
        case "day", "days": return n
        case "week", "weeks": return n * 7
        case "month", "months": return n * 30
        default: return nil
        }
    }

    /// `day N`, `week N` (week 1 is days 0–6) or `month N` (month 1 is days 0–29) → the first day of that period,
    /// or its last day when `end` is set (`to:` and `due:` mean "by the end of week 6").
    static func offset(_ text: String, end: Bool = false) -> Int? {
        let parts = text.split(separator: " ")
        guard parts.count == 2, let n = Int(parts[1]), (-3_650...3_650).contains(n) else { return nil }
        let length: Int
        switch parts[0] {
        case "day": return n
        case "week": length = 7
        case "month": length = 30
        default: return nil
        }
        let first = n > 0 ? (n - 1) * length : n * length
        return end ? first + length - 1 : first
    }

    private static func minutes(_ text: String) -> Int? {
        let parts = text.trimmingCharacters(in: .whitespaces).split(separator: " ")
        guard parts.count == 2, let n = Int(parts[0]), (1...10_000).contains(n) else { return nil }
        return parts[1] == "min" ? n : parts[1] == "h" ? n * 60 : nil
    }

    private static func money(_ text: String) -> Money? {
        let parts = text.split(separator: " ")
        guard parts.count == 2, let units = Int64(parts[0]), (0...1_000_000_000).contains(units), parts[1].count == 3
        else { return nil }
        var scale: Int64 = 1
        for _ in 0..<Money.exponent(of: String(parts[1])) { scale *= 10 }
        return Money(minorUnits: units * scale, currency: String(parts[1]))
    }
}

import Foundation

/// A conversation written down as a test: `> what the person says`, `< what the bot says`, and `@` directives.
///
/// ```
/// @ now 2026-03-14 10:00        the clock (UTC) from here on
/// @ language bg                 the participant's language, before the first message
/// > log yesterday 45 min
/// < Got it:
/// < ...                         any number of lines
/// @ wait 2 h                    move the clock on
/// @ restart                     stop and start the service on the same database
/// @ enrol mentee staff_peers 2026-03-02
///                               the person is a mentee of a programme of that template starting that day, paired
///                               with "Sam" (sam@example.org) as mentor (or the other way round)
/// @ enrol mentor school_peers 2026-03-02 without consent
///                               the same, but the pair's mentee (the person or Sam) has no guardian's consent recorded
/// @ programme staff_peers 2026-03-02 K7P-2QX
///                               a programme with that join code, nobody enrolled
/// @ as sam@example.org          speak as someone else from here on (their replies are shown)
/// @ attach receipt.pdf           the next message carries this file (a small PDF, JPEG or PNG made from the name:
///                               the same name is the same file)
/// @ staff facilitator fran@example.org
///                               someone with a programme role (facilitator of the pair's cohort, finance
///                               coordinator, coordinator, safeguarding lead; a mentor in a pair of their own,
///                               waiting for a mentee) in the `@ enrol` programme
/// @ scheduler                   one scheduler pass at the current time (reminders, "did you meet?"); what it sends
///                               the current speaker is shown
/// ```
/// A `<` line may contain `*`, matching any text within the line.
public struct Transcript: Sendable {
    public enum Step: Sendable, Hashable {
        case say(String, line: Int)
        case expect([String], line: Int)
        case now(Int64)
        case wait(minutes: Int)
        case language(String)
        case restart(line: Int)
        case enrol(role: String, template: String, start: CalendarDate, consent: Bool)
        case programme(template: String, start: CalendarDate, joinCode: String)
        case speaker(String)
        case staff(role: String, address: String)
        case attach(filename: String)
        case scheduler
    }

    public let file: String
    public let steps: [Step]

    /// Parses a transcript; consecutive `<` lines form one expectation.
    public static func parse(_ text: String, file: String) throws(FlowFileError) -> Transcript {
        var steps: [Step] = []
        for (index, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let number = index + 1
            let line = String(raw)
            if line.trimmed(Trim.whitespace).isEmpty || line.hasPrefix("#") { continue }
            let body = line.count > 1 ? String(line.dropFirst(2)) : ""
            switch line.first {
            case ">":
                steps.append(.say(body, line: number))
            case "<":
                if case .expect(let lines, let start)? = steps.last {
                    steps[steps.count - 1] = .expect(lines + [body], line: start)
                } else {
                    steps.append(.expect([body], line: number))
                }
            case "@":
                steps.append(try directive(body.trimmed(Trim.whitespace), file: file, line: number))
            default:
                throw FlowFileError(file: file, line: number, message: "a transcript line starts with >, < or @")
            }
        }
        return Transcript(file: file, steps: steps)
    }

    private static func directive(_ text: String, file: String, line: Int) throws(FlowFileError) -> Step {
        let words = text.split(separator: " ").map(String.init)
        switch words.first {
        case "now":
            guard words.count == 3, let date = CalendarDate(iso: words[1]) else {
                throw FlowFileError(file: file, line: line, message: "expected `@ now YYYY-MM-DD HH:MM`")
            }
            let clock = words[2].split(separator: ":").compactMap { Int($0) }
            guard clock.count == 2, let time = ClockTime(hour: clock[0], minute: clock[1]) else {
                throw FlowFileError(file: file, line: line, message: "expected `@ now YYYY-MM-DD HH:MM`")
            }
            return .now((Int64(date.daysSinceEpoch) * 1440 + Int64(time.minutesSinceMidnight)) * 60_000)
        case "wait":
            guard words.count == 3, let amount = Int(words[1]), (1...1_000_000).contains(amount),
                  ["min", "h"].contains(words[2]) else {
                throw FlowFileError(file: file, line: line, message: "expected `@ wait N min` or `@ wait N h`")
            }
            return .wait(minutes: words[2] == "h" ? amount * 60 : amount)
        case "language":
            guard words.count == 2 else { throw FlowFileError(file: file, line: line, message: "expected `@ language CODE`") }
            return .language(words[1])
        case "restart":
            return .restart(line: line)
        case "enrol":
            let withoutConsent = words.count == 6 && words[4...] == ["without", "consent"]
            guard words.count == 4 || withoutConsent, let start = CalendarDate(iso: words[3]) else {
                throw FlowFileError(
                    file: file, line: line, message: "expected `@ enrol ROLE TEMPLATE YYYY-MM-DD [without consent]`")
            }
            return .enrol(role: words[1], template: words[2], start: start, consent: !withoutConsent)
        case "programme":
            guard words.count == 4, let start = CalendarDate(iso: words[2]) else {
                throw FlowFileError(file: file, line: line, message: "expected `@ programme TEMPLATE YYYY-MM-DD CODE`")
            }
            return .programme(template: words[1], start: start, joinCode: words[3])
        case "attach":
            guard words.count == 2, ["pdf", "jpg", "jpeg", "png", "zip"].contains(words[1].split(separator: ".").last ?? "")
            else { throw FlowFileError(file: file, line: line, message: "expected `@ attach NAME.pdf|jpg|png|zip`") }
            return .attach(filename: words[1])
        case "staff":
            guard words.count == 3 else {
                throw FlowFileError(file: file, line: line, message: "expected `@ staff ROLE ADDRESS`")
            }
            return .staff(role: words[1], address: words[2])
        case "scheduler":
            guard words.count == 1 else { throw FlowFileError(file: file, line: line, message: "expected `@ scheduler`") }
            return .scheduler
        case "as":
            guard words.count == 2 else { throw FlowFileError(file: file, line: line, message: "expected `@ as ADDRESS`") }
            return .speaker(words[1])
        default:
            throw FlowFileError(file: file, line: line, message: "unknown directive `@ \(text)` (now, wait, language, restart, enrol, programme, staff, attach, as, scheduler)")
        }
    }

    /// Whether `actual` lines match `expected` ones (`...` = any lines, `*` = any text within a line).
    public static func matches(_ actual: [String], _ expected: [String]) -> Bool {
        guard let first = expected.first else { return actual.isEmpty }
        if first == "..." {
            return (0...actual.count).contains { matches(Array(actual.dropFirst($0)), Array(expected.dropFirst())) }
        }
        guard let line = actual.first, glob(first, line) else { return false }
        return matches(Array(actual.dropFirst()), Array(expected.dropFirst()))
    }

    static func glob(_ pattern: String, _ text: String) -> Bool {
        let pieces = pattern.components(separatedBy: "*")
        guard pieces.count > 1 else { return pattern == text }
        guard text.hasPrefix(pieces[0]) else { return false }
        var rest = text.dropFirst(pieces[0].count)
        for piece in pieces.dropFirst().dropLast() where !piece.isEmpty {
            guard let range = rest.range(of: piece) else { return false }
            rest = rest[range.upperBound...]
        }
        let last = pieces[pieces.count - 1]
        return last.isEmpty || (rest.hasSuffix(last) && rest.count >= last.count)
    }
}

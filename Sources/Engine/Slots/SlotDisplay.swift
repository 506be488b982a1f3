/// Short, language-neutral renderings of slot values, for summaries and `{min}`/`{max}` error arguments.
public enum SlotDisplay {
    /// Date as ISO `2026-03-12`, time `14:30`, duration `45 min` / `2 h` / `1 h 30 min`, money `45.50 EUR`,
    /// yes/no as `yes`/`no`, a choice by its id, lists and attachment filenames joined by `, `.
    public static func text(_ value: SlotValue) -> String {
        switch value {
        case .text(let text): return text
        case .choice(let id): return id
        case .yesno(let answer): return answer ? "yes" : "no"
        case .integer(let number): return String(number)
        case .date(let date): return date.iso
        case .time(let time): return time.description
        case .duration(let minutes): return duration(minutes)
        case .money(let money): return money.description
        case .attachments(let files): return files.map(\.filename).joined(separator: ", ")
        case .list(let items): return items.joined(separator: ", ")
        }
    }

    /// Longest excerpt of someone's input a reply quotes, in characters.
    public static let excerptLength = 60

    /// What a reply may quote of input it could not use: the start of it, and "…" when there was more — never the
    /// whole of a long message (a 35 KB paste echoed back would not even fit in a Matrix event).
    public static func excerpt(_ input: String) -> String {
        let flat = input.split(whereSeparator: \.isNewline).joined(separator: " ")
        guard flat.count > excerptLength else { return flat }
        return String(flat.prefix(excerptLength)).trimmed(Trim.whitespace) + "…"
    }

    static func duration(_ minutes: Int) -> String {
        let hours = minutes / 60
        let rest = minutes % 60
        if hours == 0 { return "\(minutes) min" }
        return rest == 0 ? "\(hours) h" : "\(hours) h \(rest) min"
    }
}

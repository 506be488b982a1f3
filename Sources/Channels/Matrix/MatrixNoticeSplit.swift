/// Long replies as several notices, each small enough for a Matrix event (65,536 bytes with its envelope; a
/// homeserver refuses a larger one with 413 `M_TOO_LARGE`). Parts end at line breaks where they can.
public enum MatrixNoticeSplit {
    /// Bytes of notice content (body and HTML, as JSON) one event carries at most, leaving room for the envelope.
    public static let maxContentBytes = 48_000
    /// The smallest content limit worth trying after `M_TOO_LARGE` answers.
    public static let minContentBytes = 2_000

    /// The bytes of a notice's content for `text`.
    public static func contentBytes(_ text: String) -> Int { MatrixClient.noticeContent(text).serialized.count }

    /// The longest start of `text` — whole lines when at least one fits — whose notice fits in `limit` bytes;
    /// never empty for a non-empty text.
    public static func firstPart(of text: String, limit: Int) -> Substring {
        guard !surelyFits(text, limit: limit), contentBytes(text) > limit else { return text[...] }
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        let fittingLines = largest(upTo: lines.count) { count in
            contentBytes(lines.prefix(count).joined(separator: "\n")) <= limit
        }
        if fittingLines > 0 {
            let length = lines.prefix(fittingLines).reduce(fittingLines - 1) { $0 + $1.count }
            return text.prefix(length)
        }
        let characters = largest(upTo: lines[0].count) { count in contentBytes(String(text.prefix(count))) <= limit }
        return text.prefix(max(characters, 1))
    }

    /// True when `text`'s notice cannot exceed `limit` whatever it holds, without writing it: a byte takes at most
    /// 6 in the JSON of the body (a control character, `\u00XX`) and at most 6 in the JSON of the HTML (a control
    /// character again; `&` becomes the 5 bytes of `&amp;`).
    static func surelyFits(_ text: String, limit: Int) -> Bool {
        text.utf8.count * 12 + envelopeBytes <= limit
    }

    /// The content's keys and fixed values around the body and the HTML.
    private static let envelopeBytes = 128

    /// What is left after `part` (a start of `text`), without the line break the part ended at.
    public static func rest(of text: String, after part: Substring) -> String {
        let rest = text.dropFirst(part.count)
        return String(rest.first == "\n" ? rest.dropFirst() : rest)
    }

    /// The largest n in 0...upper with `fits(n)`, for a `fits` that stays true below any n where it holds.
    private static func largest(upTo upper: Int, _ fits: (Int) -> Bool) -> Int {
        var low = 0
        var high = upper
        while low < high {
            let middle = (low + high + 1) / 2
            if fits(middle) { low = middle } else { high = middle - 1 }
        }
        return low
    }
}

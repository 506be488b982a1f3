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
        guard contentBytes(text) > limit else { return text[...] }
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

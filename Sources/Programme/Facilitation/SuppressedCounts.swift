/// A row of counts published with its total, with small counts suppressed as statistical offices do: a count from
/// fewer than `ProgrammeReport.smallest` people or pairs is shown as "<5" (primary suppression); if that leaves one
/// hidden count the total and the others would give away, the smallest other count is withheld too, shown as "x"
/// (secondary suppression) — or, when there is no other count, the total. Zeros are shown.
public struct SuppressedCounts: Sendable, Hashable {
    /// One count: its value, how many people (or pairs) are behind it, and what is published.
    public struct Cell: Sendable, Hashable {
        public let value: Int
        public let contributors: Int
        /// "<5" (too few behind it), "x" (withheld so a hidden count cannot be worked out), or the number.
        public let shown: String

        /// Whether the number is withheld.
        public var hidden: Bool { shown != String(value) }

        /// The bar height a chart may draw: 0 for a withheld count, so the bar cannot give the number away.
        public var drawn: Int { hidden ? 0 : value }
    }

    /// What a withheld count that is not small is shown as.
    public static let withheld = "x"

    public let cells: [Cell]
    public let total: Int
    /// The total as published ("<5" or "x" when withheld).
    public let shownTotal: String

    /// Suppresses `values` (`contributors[i]` people behind `values[i]`) and their total (`totalContributors`
    /// different people behind it).
    public init(values: [Int], contributors: [Int], totalContributors: Int) {
        let small = "<\(ProgrammeReport.smallest)"
        func tooFew(_ value: Int, _ people: Int) -> Bool { value > 0 && people < ProgrammeReport.smallest }
        var shown = zip(values, contributors).map { tooFew($0, $1) ? small : String($0) }
        total = values.reduce(0, +)
        var totalShown = tooFew(total, totalContributors) ? small : String(total)
        let hidden = shown.indices.filter { shown[$0] == small }
        if hidden.count == 1, totalShown == String(total) {
            let others = values.indices.filter { !hidden.contains($0) && values[$0] > 0 }
            if let second = others.min(by: { (values[$0], $0) < (values[$1], $1) }) {
                shown[second] = Self.withheld
            } else {
                totalShown = Self.withheld
            }
        }
        cells = values.indices.map { Cell(value: values[$0], contributors: contributors[$0], shown: shown[$0]) }
        shownTotal = totalShown
    }
}

/// A row of counts published with its total, with small counts suppressed as statistical offices do: a count from
/// fewer than `ProgrammeReport.smallest` people or pairs is shown as "<5" (primary suppression); if that leaves one
/// hidden count the total and the others would give away — one alone, or one of several that can add up to what is
/// left in only one way ("<5", "<5" and 20 of 22 are 1 and 1) — the smallest other count is withheld too, shown as "x"
/// (secondary suppression), and so on until none can be worked out; when no other count is left, the total is
/// withheld. Zeros are shown.
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
        let smallest = ProgrammeReport.smallest
        let small = "<\(smallest)"
        func tooFew(_ value: Int, _ people: Int) -> Bool { value > 0 && people < smallest }
        var shown = zip(values, contributors).map { tooFew($0, $1) ? small : String($0) }
        total = values.reduce(0, +)
        var totalShown = tooFew(total, totalContributors) ? small : String(total)
        // Counts of the people themselves (pairs): a "<5" is 1 to 4. Otherwise (answers) it is at least 1.
        let bounded = values == contributors
        // Secondary suppression, until no hidden count has only one value the total and the shown counts allow.
        while totalShown == String(total) {
            let hidden = values.indices.filter { shown[$0] != String(values[$0]) }
            let bounds = hidden.map { index in
                shown[index] == small ? Bounds(lower: 1, upper: bounded ? smallest - 1 : nil)
                    : Bounds(lower: smallest, upper: nil)
            }
            guard !hidden.isEmpty, Self.givesOneAway(bounds, sum: hidden.reduce(0) { $0 + values[$1] }) else { break }
            let others = values.indices.filter { !hidden.contains($0) && values[$0] > 0 }
            if let next = others.min(by: { (values[$0], $0) < (values[$1], $1) }) {
                shown[next] = Self.withheld
            } else {
                totalShown = Self.withheld
            }
        }
        cells = values.indices.map { Cell(value: values[$0], contributors: contributors[$0], shown: shown[$0]) }
        shownTotal = totalShown
    }

    /// What a reader knows of a hidden count: at least `lower`, at most `upper` (nil: no limit).
    private struct Bounds {
        let lower: Int
        let upper: Int?
    }

    /// Whether hidden counts known to add up to `sum` leave one of them a single possible value.
    private static func givesOneAway(_ hidden: [Bounds], sum: Int) -> Bool {
        hidden.indices.contains { index in
            let others = hidden.indices.filter { $0 != index }.map { hidden[$0] }
            let othersLower = others.reduce(0) { $0 + $1.lower }
            let othersUpper = others.compactMap(\.upper)
            let lowest = othersUpper.count == others.count
                ? max(hidden[index].lower, sum - othersUpper.reduce(0, +)) : hidden[index].lower
            let highest = min(hidden[index].upper ?? Int.max, sum - othersLower)
            return lowest >= highest
        }
    }
}

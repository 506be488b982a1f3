import Testing
@testable import Programme

/// Small counts are suppressed as statistical offices do: under 5 people is "<5", and where the total and the other
/// counts would give a single hidden count away, a second count (the smallest other) or the total is withheld.
struct SuppressedCountsTests {
    func shown(_ values: [Int], people: [Int]? = nil, total: Int? = nil) -> [String] {
        let counts = SuppressedCounts(
            values: values, contributors: people ?? values, totalContributors: total ?? values.reduce(0, +))
        return counts.cells.map(\.shown) + ["total " + counts.shownTotal]
    }

    /// The report once said "16 answers in all" next to "<5" and "15": the single rating was 16 − 15.
    @Test func aSingleHiddenCountTakesTheSmallestOtherCountWithIt() {
        #expect(shown([0, 0, 1, 0, 15]) == ["0", "0", "<5", "0", "x", "total 16"])
        #expect(shown([2, 9, 30]) == ["<5", "x", "30", "total 41"])
    }

    @Test func twoHiddenCountsNeedNothingMore() {
        #expect(shown([3, 4, 20]) == ["<5", "<5", "20", "total 27"])
    }

    @Test func aHiddenCountWithNoOtherCountWithholdsTheTotal() {
        #expect(shown([0, 3, 0], total: 6) == ["0", "<5", "0", "total x"])
    }

    @Test func aTotalFromUnderFivePeopleIsHiddenAndSoAreItsCounts() {
        #expect(shown([6, 0], people: [3, 0], total: 3) == ["<5", "0", "total <5"])
    }

    @Test func answersCountPeopleNotAnswers() {
        // Seven answers by two people are still under five people.
        #expect(shown([7, 10, 12], people: [2, 6, 6], total: 14) == ["<5", "x", "12", "total 29"])
    }

    @Test func hiddenCountsThatCanAddUpInOnlyOneWayTakeAnotherCountWithThem() {
        // 22 − 20 = 2 between two counts of 1 to 4: both are 1.
        #expect(shown([1, 1, 20]) == ["<5", "<5", "x", "total 22"])
        // 15 − 9 = 6 between a count of 1 to 4 and one of at least 5: 1 and 5.
        #expect(shown([1, 5, 9]) == ["<5", "x", "x", "total 15"])
        // 52 − 40 = 12 between three counts of 1 to 4: 4 each.
        #expect(shown([4, 4, 4, 40]) == ["<5", "<5", "<5", "x", "total 52"])
    }

    @Test func noWithheldCountCanBeWorkedOutFromWhatIsShown() {
        // Every way the hidden cells can add up to the total less the shown counts (a "<5" of pairs is 1 to 4, an "x"
        // at least 5) leaves each hidden cell at least two possible values — or the total is withheld.
        for values in [[1, 5, 9], [0, 2, 0, 8], [4, 4, 4, 40], [1, 0, 0], [12, 0, 3, 0, 6], [1, 1, 20], [3, 4, 20],
                       [2, 2, 5, 5, 30], [1, 6, 6, 1]] {
            let counts = SuppressedCounts(values: values, contributors: values, totalContributors: values.reduce(0, +))
            guard counts.shownTotal == String(counts.total) else { continue }
            let hidden = counts.cells.filter(\.hidden)
            let sum = hidden.reduce(0) { $0 + $1.value }
            let ranges = hidden.map { $0.shown == "x" ? 5...sum : 1...4 }
            var possible = Array(repeating: Set<Int>(), count: hidden.count)
            func walk(_ index: Int, _ left: Int, _ chosen: [Int]) {
                guard index < ranges.count else {
                    if left == 0 { for (cell, value) in chosen.enumerated() { possible[cell].insert(value) } }
                    return
                }
                for value in ranges[index] where value <= left { walk(index + 1, left - value, chosen + [value]) }
            }
            walk(0, sum, [])
            #expect(possible.allSatisfy { $0.count >= 2 }, "\(values): \(counts.cells.map(\.shown))")
        }
    }
}

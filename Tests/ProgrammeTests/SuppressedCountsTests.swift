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

    @Test func noWithheldCountCanBeWorkedOutFromWhatIsShown() {
        // Every split of a hidden total between the hidden cells is possible: at least two hidden, or the total.
        for values in [[1, 5, 9], [0, 2, 0, 8], [4, 4, 4, 40], [1, 0, 0], [12, 0, 3, 0, 6]] {
            let counts = SuppressedCounts(values: values, contributors: values, totalContributors: values.reduce(0, +))
            let hidden = counts.cells.filter(\.hidden).count
            #expect(hidden == 0 || hidden >= 2 || counts.shownTotal != String(counts.total), "\(values)")
        }
    }
}

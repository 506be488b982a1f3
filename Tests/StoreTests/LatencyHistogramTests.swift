import Foundation
import Testing
@testable import Store

/// The histograms behind `/metrics`' timings and the benchmark's `*_stages_ms` lines.
struct LatencyHistogramTests {
    @Test func quantilesInterpolateInsideTheirBucket() {
        var histogram = LatencyHistogram()
        for _ in 0..<98 { histogram.record(seconds: 0.0008) }  // the (0.5 ms, 1 ms] bucket
        histogram.record(seconds: 0.012)  // (10 ms, 15 ms]
        histogram.record(seconds: 7)  // past the last bound
        #expect(histogram.count == 100)
        #expect(histogram.max == 7)
        let median = histogram.quantile(0.5)
        #expect(median > 0.0005 && median <= 0.001)
        let p99 = histogram.quantile(0.99)
        #expect(p99 > 0.01 && p99 <= 0.015)
        #expect(histogram.quantile(1) == 5)  // +Inf reports its lower bound
        #expect(LatencyHistogram().quantile(0.99) == 0)
    }

    @Test func theExpositionReadsBackAndSnapshotsSubtract() throws {
        var earlier = LatencyHistogram()
        earlier.record(seconds: 0.002)
        var later = earlier
        later.record(seconds: 0.004)
        later.record(seconds: 0.004)
        let text = "# other\nx_bucket{le=\"1\"} 9\n" + later.exposition("tandem_test_seconds")
        #expect(text.contains("tandem_test_seconds_bucket{le=\"+Inf\"} 3"))
        #expect(text.contains("tandem_test_seconds_count 3"))
        let parsed = try #require(LatencyHistogram.parse("tandem_test_seconds", from: text))
        #expect(parsed.counts == later.counts)
        #expect(abs(parsed.sum - 0.010) < 1e-9)
        let phase = parsed.since(earlier)
        #expect(phase.count == 2)
        #expect(phase.quantile(0.5) > 0.003 && phase.quantile(0.5) <= 0.005)
        #expect(LatencyHistogram.parse("tandem_missing_seconds", from: text) == nil)
    }
}

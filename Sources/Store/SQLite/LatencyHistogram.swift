/// Durations counted in fixed buckets, as a Prometheus histogram: cheap to record on a hot path (one comparison
/// per bucket, no allocation), and two snapshots subtract, so a benchmark can read one phase of a running service.
public struct LatencyHistogram: Sendable, Equatable {
    /// Upper bounds of the buckets, in seconds (the last bucket, +Inf, is implied).
    public static let bounds: [Double] = [
        0.0001, 0.00025, 0.0005, 0.001, 0.002, 0.003, 0.005, 0.0075, 0.01, 0.015, 0.02, 0.03, 0.05, 0.075, 0.1, 0.2,
        0.5, 1, 5,
    ]

    /// Observations per bucket (not cumulative); one more than ``bounds`` for +Inf.
    public private(set) var counts = [Int](repeating: 0, count: Self.bounds.count + 1)
    public private(set) var sum = 0.0
    public private(set) var max = 0.0

    public init() {}

    public var count: Int { counts.reduce(0, +) }

    public mutating func record(seconds: Double) {
        let bucket = Self.bounds.firstIndex { seconds <= $0 } ?? Self.bounds.count
        counts[bucket] += 1
        sum += seconds
        max = Swift.max(max, seconds)
    }

    public mutating func record(nanoseconds: UInt64) { record(seconds: Double(nanoseconds) / 1e9) }

    /// The `q` quantile (0…1) in seconds, interpolated inside its bucket as Prometheus' `histogram_quantile` does;
    /// 0 when empty.
    public func quantile(_ q: Double) -> Double {
        let total = count
        guard total > 0 else { return 0 }
        let rank = q * Double(total)
        var below = 0
        for (bucket, inBucket) in counts.enumerated() where inBucket > 0 {
            if Double(below + inBucket) >= rank {
                let lower = bucket == 0 ? 0 : Self.bounds[bucket - 1]
                guard bucket < Self.bounds.count else { return lower }
                let fraction = (rank - Double(below)) / Double(inBucket)
                return lower + (Self.bounds[bucket] - lower) * Swift.max(0, Swift.min(1, fraction))
            }
            below += inBucket
        }
        return Self.bounds.last ?? 0
    }

    /// Prometheus exposition lines for a histogram called `name` (cumulative buckets, `_sum`, `_count`).
    public func exposition(_ name: String) -> String {
        var lines = ["# TYPE \(name) histogram"]
        var cumulative = 0
        for (bucket, inBucket) in counts.enumerated() {
            cumulative += inBucket
            let bound = bucket < Self.bounds.count ? "\(Self.bounds[bucket])" : "+Inf"
            lines.append("\(name)_bucket{le=\"\(bound)\"} \(cumulative)")
        }
        lines.append("\(name)_sum \(sum)")
        lines.append("\(name)_count \(cumulative)")
        return lines.joined(separator: "\n") + "\n"
    }

    /// Reads back what ``exposition(_:)`` wrote for `name` (the maximum is not exposed: it stays 0); nil when the
    /// text has no such histogram.
    public static func parse(_ name: String, from text: String) -> LatencyHistogram? {
        var cumulative: [Int] = []
        var sum: Double?
        for line in text.split(separator: "\n") {
            let parts = line.split(separator: " ")
            guard parts.count == 2 else { continue }
            if parts[0].hasPrefix("\(name)_bucket{"), let value = Int(parts[1]) {
                cumulative.append(value)
            } else if parts[0] == "\(name)_sum" {
                sum = Double(parts[1])
            }
        }
        guard cumulative.count == bounds.count + 1, let sum else { return nil }
        var histogram = LatencyHistogram()
        histogram.counts = zip(cumulative, [0] + cumulative).map { $0 - $1 }
        histogram.sum = sum
        return histogram
    }

    /// What was recorded after `earlier` (a snapshot of the same histogram); the maximum is this one's.
    public func since(_ earlier: LatencyHistogram) -> LatencyHistogram {
        var difference = self
        difference.counts = zip(counts, earlier.counts).map { $0 - $1 }
        difference.sum = sum - earlier.sum
        return difference
    }
}

/// Where a database write's time went (issue 17): waiting to run (for the batch ahead of it, the checkpoint that
/// holds writers off, a read on the write connection), then its batch — every write in it and the commit.
public struct WriteTimings: Sendable, Equatable {
    /// From submitting the write to its batch starting to run.
    public var waiting = LatencyHistogram()
    /// From its batch starting to run to the commit that holds it (its caller returns then).
    public var batch = LatencyHistogram()
    /// Batches committed, so that `waiting.count / batches` is the mean number of writes sharing a commit.
    public var batches = 0

    public init() {}
}

import Store

/// Where a child service's request time went during one phase (issue 17), from the histograms on its `/metrics`
/// page: the whole request inside the service, the part before a handler started on it, and the database write it
/// made — waiting to run, then its batch up to the commit. Quantiles are interpolated inside the histogram's
/// buckets, so they are approximate; the service's own clock, not the load generator's.
struct ServiceStages {
    var request: LatencyHistogram
    var waited: LatencyHistogram
    var writeWaiting: LatencyHistogram
    var writeBatch: LatencyHistogram
    var batches: Int

    /// Nil when the page has no such histograms: a service from before they existed (`--service`).
    init?(_ metrics: String) {
        guard let request = LatencyHistogram.parse("tandem_http_request_seconds", from: metrics),
              let waited = LatencyHistogram.parse("tandem_http_request_waited_seconds", from: metrics),
              let writeWaiting = LatencyHistogram.parse("tandem_db_write_waiting_seconds", from: metrics),
              let writeBatch = LatencyHistogram.parse("tandem_db_write_batch_seconds", from: metrics)
        else { return nil }
        self.request = request
        self.waited = waited
        self.writeWaiting = writeWaiting
        self.writeBatch = writeBatch
        let line = metrics.split(separator: "\n").first { $0.hasPrefix("tandem_db_write_batches_total ") }
        batches = line.flatMap { Int($0.split(separator: " ").last ?? "") } ?? 0
    }

    /// The line's text for what happened between two snapshots of the same service.
    static func summary(from earlier: ServiceStages?, to later: ServiceStages?) -> String {
        guard let earlier, let later else { return "unavailable (the service's /metrics has no timing histograms)" }
        return later.since(earlier).summary
    }

    /// What happened after `earlier`, a snapshot of the same service.
    func since(_ earlier: ServiceStages) -> ServiceStages {
        var difference = self
        difference.request = request.since(earlier.request)
        difference.waited = waited.since(earlier.waited)
        difference.writeWaiting = writeWaiting.since(earlier.writeWaiting)
        difference.writeBatch = writeBatch.since(earlier.writeBatch)
        difference.batches = batches - earlier.batches
        return difference
    }

    /// `request_p50=… p99=… before_handler_p99=… write_waiting_p50=… …`: one line's worth, in milliseconds.
    var summary: String {
        func quantiles(_ name: String, _ histogram: LatencyHistogram) -> String {
            let mean = histogram.count > 0 ? histogram.sum / Double(histogram.count) : 0
            return "\(name)_mean=\(Benchmark.fixed(mean * 1000, 2)) "
                + "\(name)_p50=\(Benchmark.fixed(histogram.quantile(0.5) * 1000, 2)) "
                + "\(name)_p99=\(Benchmark.fixed(histogram.quantile(0.99) * 1000, 2))"
        }
        let perCommit = Double(writeWaiting.count) / Double(max(batches, 1))
        return [
            quantiles("request", request), quantiles("before_handler", waited),
            quantiles("write_waiting", writeWaiting), quantiles("write_batch", writeBatch),
            "writes_per_commit=\(Benchmark.fixed(perCommit, 1))",
            "(inside the service, from its /metrics histograms: a request from its first byte to its response "
                + "written; the part before a handler took it; its database write waiting to run, then its batch "
                + "to the commit; quantiles interpolated in the histogram's buckets)",
        ].joined(separator: " ")
    }
}

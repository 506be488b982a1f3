import HTTP
import Store
import Synchronization

/// Counters for `GET /metrics` (Prometheus text format). Gauges that live in the database (outbox depth and
/// age) are read at scrape time.
public final class ServiceMetrics: Sendable {
    private let counters = Mutex<[String: Int]>([:])
    private let requests = Mutex((total: LatencyHistogram(), waited: LatencyHistogram()))

    public init() {}

    /// `http_request_seconds` (first byte to response written) and `http_request_waited_seconds` (before a
    /// handler started on it): where a request's time went, with the database's own (``histograms(of:)``).
    public func timeRequest(_ entry: HTTPAccessLogEntry) {
        requests.withLock { requests in
            requests.total.record(seconds: Double(entry.durationMicroseconds) / 1e6)
            requests.waited.record(seconds: Double(entry.waitedMicroseconds) / 1e6)
        }
    }

    /// The request histograms, and the database writes' (``WriteTimings``), as Prometheus histograms.
    func histograms(of database: Database) -> String {
        let (total, waited) = requests.withLock { $0 }
        let writes = database.writeTimings
        return total.exposition("tandem_http_request_seconds")
            + waited.exposition("tandem_http_request_waited_seconds")
            + writes.waiting.exposition("tandem_db_write_waiting_seconds")
            + writes.batch.exposition("tandem_db_write_batch_seconds")
            + "# TYPE tandem_db_write_batches_total counter\ntandem_db_write_batches_total \(writes.batches)\n"
    }

    /// `http_requests_total{route,status}`.
    public func countRequest(route: String, status: Int) {
        increment("tandem_http_requests_total{route=\"\(route)\",status=\"\(status)\"}")
    }

    /// `inbound_messages_total{channel}`.
    public func countInbound(channel: ChannelID, count: Int = 1) {
        increment("tandem_inbound_messages_total{channel=\"\(channel)\"}", by: count)
    }

    public func countDelivery(channel: ChannelID, result: DeliveryResult) {
        switch result {
        case .delivered: increment("tandem_outbox_delivered_total{channel=\"\(channel)\"}")
        case .retry: increment("tandem_outbox_failures_total{channel=\"\(channel)\",kind=\"retry\"}")
        case .reject: increment("tandem_outbox_failures_total{channel=\"\(channel)\",kind=\"rejected\"}")
        }
    }

    /// `action_failures_total{action}`: a flow's action threw; the person was told, the message committed.
    public func countActionFailure(action: String) {
        increment("tandem_action_failures_total{action=\"\(action)\"}")
    }

    /// `flow_completions_total{flow}`.
    public func countFlowCompletion(flow: String) {
        increment("tandem_flow_completions_total{flow=\"\(flow)\"}")
    }

    func value(_ series: String) -> Int { counters.withLock { $0[series] ?? 0 } }

    /// The counters as Prometheus exposition lines, sorted.
    func render() -> String {
        let snapshot = counters.withLock { $0 }
        var families: [String: [String]] = [:]
        for (series, value) in snapshot {
            let name = String(series.prefix { $0 != "{" })
            families[name, default: []].append("\(series) \(value)")
        }
        return families.keys.sorted().map { name in
            "# TYPE \(name) counter\n" + families[name, default: []].sorted().joined(separator: "\n")
        }.joined(separator: "\n") + "\n"
    }

    private func increment(_ series: String, by amount: Int = 1) {
        counters.withLock { $0[series, default: 0] += amount }
    }
}

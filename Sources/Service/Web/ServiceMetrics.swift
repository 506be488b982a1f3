import Store
import Synchronization

/// Counters for `GET /metrics` (Prometheus text format). Gauges that live in the database (outbox depth and
/// age) are read at scrape time.
public final class ServiceMetrics: Sendable {
    private let counters = Mutex<[String: Int]>([:])

    public init() {}

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

import Foundation
import Store

/// The load a homeserver really sends (issue 17): a child `tandem serve` (this same binary) with its outbox worker
/// delivering every reply to the fake homeserver, 32 keep-alive connections pushing single-event transactions as
/// fast as they are answered, 1,000 enrolled participants each walking the log-a-meeting flow in their direct room,
/// `synchronous=NORMAL`. Then the same service at a fixed 2,000 transactions/s. The service runs in its own process,
/// so its CPU is exactly the service's (neither the load generator nor the fake homeserver is counted).
///
/// A transaction counts only once every reply is delivered: the rate divides the transactions by the time until
/// the outbox is empty again, and afterwards every message must have its reply and every reply must have reached
/// the homeserver exactly once.
struct SaturationPhase {
    let executable: String
    let environment: [String: String]
    let databasePath: String
    let logPath: String
    let homeserver: FakeHomeserver
    let scale: Benchmark.Scale

    func run(emit: (String) -> Void) throws {
        let s = scale
        try Benchmark.enrol(databasePath, participants: s.saturationParticipants, synchronous: .normal)
        _ = homeserver.takeArrivals()  // before the child starts: what it sends at once (a scheduler pass) counts
        let child = try BenchSystem.ChildService(executable: executable, environment: environment, logPath: logPath)
        defer { child.stop() }
        let reader = try Connection(path: databasePath, readOnly: true)
        let load = LoadGenerator(
            port: child.port, hsToken: Benchmark.hsToken, participants: Array(1...s.saturationParticipants),
            connections: s.saturationConnections, seed: Benchmark.seed, tag: "s")
        defer { load.disconnect() }
        var sent = LoadGenerator.Result()

        sent.merge(try load.closedLoop(seconds: s.warmupSeconds))
        _ = try drain(reader, timeout: s.deliveryTimeout)
        let warmupArrivals = homeserver.takeArrivals()
        let cpuBefore = child.cpuSeconds
        let stagesBefore = ServiceStages(try child.metrics())
        let saturated = try load.closedLoop(seconds: s.saturationSeconds)
        let stagesSaturated = ServiceStages(try child.metrics())
        sent.merge(saturated)
        let (cpuLoaded, sendsLoaded) = (child.cpuSeconds, homeserver.sends)
        let drained = try drain(reader, timeout: s.deliveryTimeout)
        let cpu = (child.cpuSeconds - cpuBefore) * 1000 / Double(max(saturated.transactions, 1))
        // While the outbox drains after the load stopped the service only delivers: its CPU per reply then.
        let drainReplies = homeserver.sends - sendsLoaded
        let replyCPU = (child.cpuSeconds - cpuLoaded) * 1000 / Double(max(drainReplies, 1))
        let total = saturated.seconds + drained.seconds
        emit("saturation_tx_per_s=\(Benchmark.whole(Double(saturated.transactions) / max(total, 0.001))) "
            + "(single-event transactions with every reply delivered: \(saturated.transactions) in "
            + "\(Benchmark.fixed(saturated.seconds, 1)) s, the outbox empty "
            + "\(Benchmark.fixed(drained.seconds * 1000, 0)) ms later\(drained.empty ? "" : " — NOT EMPTIED"); "
            + "\(s.saturationConnections) connections, \(s.saturationParticipants) participants in direct rooms, "
            + "synchronous=NORMAL, child tandem serve; service CPU \(Benchmark.fixed(cpu, 3)) ms per transaction"
            + (drainReplies >= 100
                ? ", \(Benchmark.fixed(replyCPU, 3)) ms per reply delivered while the outbox drained" : "")
            + "\(Benchmark.failureNote(saturated)))")
        emit("saturation_latency_ms_p50=\(Benchmark.fixed(Benchmark.percentile(saturated.latencies, 50), 2)) "
            + "p99=\(Benchmark.fixed(Benchmark.percentile(saturated.latencies, 99), 2)) "
            + "max=\(Benchmark.fixed(saturated.latencies.max() ?? 0, 2)) "
            + "(closed loop, \(s.saturationConnections) connections, from sending a transaction to its 200; mean "
            + "\(Benchmark.fixed(Self.mean(saturated.latencies), 2)))")
        emit("saturation_stages_ms \(ServiceStages.summary(from: stagesBefore, to: stagesSaturated))")
        let saturatedArrivals = homeserver.takeArrivals()

        let cpuBeforeOpen = child.cpuSeconds
        let stagesBeforeOpen = ServiceStages(try child.metrics())
        let open = try load.openLoop(rate: s.offeredRate, seconds: s.latencySeconds)
        let stagesOpen = ServiceStages(try child.metrics())
        sent.merge(open)
        let openDrained = try drain(reader, timeout: s.deliveryTimeout)
        let openCPU = (child.cpuSeconds - cpuBeforeOpen) * 1000 / Double(max(open.transactions, 1))
        let openArrivals = homeserver.takeArrivals()
        emit("delivered_latency_ms_p50=\(Benchmark.fixed(Benchmark.percentile(open.latencies, 50), 2)) "
            + "p99=\(Benchmark.fixed(Benchmark.percentile(open.latencies, 99), 2)) "
            + "max=\(Benchmark.fixed(open.latencies.max() ?? 0, 2)) at_offered=\(Benchmark.whole(s.offeredRate))/s "
            + "(as latency_ms but with delivery on and \(s.saturationConnections) connections: achieved "
            + "\(Benchmark.whole(open.perSecond))/s, \(open.transactions) transactions; service CPU "
            + "\(Benchmark.fixed(openCPU, 3)) ms per transaction"
            + "\(open.unsent > 0 ? "; OVERLOADED: \(open.unsent) due transactions never sent" : "")"
            + "\(openDrained.empty ? "" : "; outbox NOT EMPTIED")\(Benchmark.failureNote(open)))")
        emit("delivered_stages_ms \(ServiceStages.summary(from: stagesBeforeOpen, to: stagesOpen))")

        load.disconnect()
        child.stop()
        let delays = try replyDelays(reader, saturatedArrivals)
        emit("saturation_reply_ms_p50=\(Benchmark.fixed(Benchmark.percentile(delays, 50), 1)) "
            + "p99=\(Benchmark.fixed(Benchmark.percentile(delays, 99), 1)) "
            + "max=\(Benchmark.fixed(delays.max() ?? 0, 1)) (saturation phase: from the service taking a "
            + "transaction to its reply arriving at the homeserver, \(delays.count) replies; 1 ms resolution)")
        let arrivals = [warmupArrivals, saturatedArrivals, openArrivals, homeserver.takeArrivals()]
        emit(try check(reader, sent: sent, arrivals: arrivals))
    }

    /// Waits (bounded) until no outbox row is queued; how long that took and whether it happened.
    private func drain(_ reader: Connection, timeout: Double) throws -> (seconds: Double, empty: Bool) {
        let start = LoadGenerator.now()
        while LoadGenerator.now() - start < timeout {
            let queued = try reader.query("SELECT COUNT(*) AS n FROM outbox WHERE status = 'queued'").first?.int("n")
            if queued == 0 { return (LoadGenerator.now() - start, true) }
            usleep(2_000)
        }
        return (LoadGenerator.now() - start, false)
    }

    /// For each reply the homeserver received: its arrival minus the time the service took its transaction.
    private func replyDelays(_ reader: Connection, _ arrivals: FakeHomeserver.Arrivals) throws -> [Double] {
        var arrived: [Int64: Double] = [:]
        for (txnID, time) in arrivals.first {
            if let id = Self.outboxID(txnID) { arrived[id] = min(arrived[id] ?? time, time) }
        }
        return try reader.query("SELECT id, created_at FROM outbox").compactMap { row in
            arrived[row.int64("id")].map { $0 - Double(row.int64("created_at")) }
        }
    }

    /// The outbox row a send's txnId names: `tandem-{id}-{digest}`, with `-…` after it for a message sent in parts.
    static func outboxID(_ txnID: String) -> Int64? {
        let parts = txnID.split(separator: "-")
        return parts.count >= 2 && parts[0] == "tandem" ? Int64(parts[1]) : nil
    }

    /// Every message stored once and answered in its own conversation, every flow's log entry saved, every
    /// queued reply delivered, and each reply's send received exactly once.
    private func check(
        _ reader: Connection, sent: LoadGenerator.Result, arrivals: [FakeHomeserver.Arrivals]
    ) throws -> String {
        let row = try reader.query("""
            SELECT (SELECT COUNT(*) FROM inbound_messages) AS messages,
                   (SELECT COUNT(*) FROM log_entries) AS logs,
                   (SELECT COUNT(*) FROM (
                        SELECT conversation_id, received_at FROM inbound_messages
                        EXCEPT SELECT conversation_id, created_at FROM outbox)) AS unanswered,
                   (SELECT COUNT(*) FROM outbox WHERE kind = 'message') AS replies,
                   (SELECT COUNT(*) FROM outbox WHERE status <> 'sent') AS undelivered
            """).first
        let messages = row?.int("messages") ?? 0
        let logs = row?.int("logs") ?? 0
        let unanswered = row?.int("unanswered") ?? -1
        let replies = row?.int("replies") ?? 0
        let undelivered = row?.int("undelivered") ?? -1
        let received = arrivals.reduce(0) { $0 + $1.first.count }
        let repeats = arrivals.reduce(0) { $0 + $1.repeats }
        let missing = try neverReceived(reader, arrivals)
        let ok = messages == sent.events && logs == sent.savedLogs && unanswered == 0 && undelivered == 0
            && received == replies && missing.isEmpty && repeats == 0 && sent.failures == 0
        return "check_replies=\(ok ? "ok" : "FAILED") (saturation phases: messages stored \(messages) of "
            + "\(sent.events) sent, \(unanswered) unanswered, replies queued \(replies), undelivered \(undelivered), "
            + "received by the homeserver \(received), received twice \(repeats)"
            + (missing.isEmpty ? "" : ", never received \(missing.count): outbox ids \(missing.prefix(5))")
            + ", meetings saved \(logs) of "
            + "\(sent.savedLogs), failed requests \(sent.failures))"
    }

    /// Outbox rows of the replies whose send never reached the homeserver (``outboxID(_:)``).
    private func neverReceived(_ reader: Connection, _ arrivals: [FakeHomeserver.Arrivals]) throws -> [Int64] {
        var ids = Set<Int64>()
        for window in arrivals {
            ids.formUnion(window.first.keys.compactMap(Self.outboxID))
        }
        return try reader.query("SELECT id FROM outbox WHERE kind = 'message' ORDER BY id")
            .map { $0.int64("id") }.filter { !ids.contains($0) }
    }

    static func mean(_ values: [Double]) -> Double {
        values.isEmpty ? 0 : values.reduce(0, +) / Double(values.count)
    }
}

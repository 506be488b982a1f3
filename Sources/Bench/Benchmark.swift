import Engine
import Service
import Foundation
import Store

/// `tandem bench`: the service under load on this machine, one line per figure (see `deploy/bench.md`).
///
/// Everything runs in this process except the memory figures: a fresh database in a temporary directory, the
/// service (``TandemService``, HTTP on 127.0.0.1, its outbox worker delivering to an in-process fake homeserver)
/// and a load generator with fixed seeds on raw keep-alive sockets. Resident memory is measured on a child
/// `tandem serve` (this same binary), which the benchmark's own allocations cannot inflate.
public struct Benchmark {
    public struct Options: Sendable {
        /// A scaled-down run (seconds, not minutes) for CI: same lines, smaller numbers.
        public var quick = false
        public var dialogsPath = "Dialogs"
        /// This binary, started as `tandem serve` for the memory figures.
        public var executable: String
        /// Keep the temporary directory (databases, service logs) instead of deleting it.
        public var keep = false
        /// Run only these phases (``Phase``); nil runs them all.
        public var only: Set<Phase>?

        public init(
            quick: Bool = false, dialogsPath: String = "Dialogs", executable: String, keep: Bool = false,
            only: Set<Phase>? = nil
        ) {
            self.quick = quick
            self.dialogsPath = dialogsPath
            self.executable = executable
            self.keep = keep
            self.only = only
        }
    }

    /// The groups of lines `--only` can pick.
    public enum Phase: String, Sendable, CaseIterable {
        /// `inbound_tx_per_s`, `latency_ms_…`, `batched_tx_per_s`, `check_flows`.
        case inbound
        /// `saturation_…`, `delivered_latency_ms_…`, `check_replies` (issue 17).
        case saturation
        /// `broadcast_queue_10k_ms`, `delivery_rate_per_s`.
        case delivery
        /// `inbound_tx_per_s_sync_full`.
        case syncFull = "sync_full"
        /// `rss_idle_mb`.
        case memory
        /// `reminder_pass_…`, `startup_ms_…`, `rss_after_…` on the national-scale database.
        case large
    }

    /// The sizes of one run.
    struct Scale {
        var participants = 10_000
        var connections = 4
        var warmupSeconds = 1.0
        var inboundSeconds = 10.0
        var offeredRate = 2_000.0
        var latencySeconds = 10.0
        var batchSeconds = 5.0
        var batchEvents = 50
        var broadcastRecipients = 10_000
        var deliveryTimeout = 40.0
        var syncFullSeconds = 10.0
        var largeParticipants = 100_000
        var largeLogEntries = 1_000_000
        var childTransactions = 2_000
        /// The saturation phase (issue 17): a child service delivering every reply, many connections.
        var saturationParticipants = 1_000
        var saturationConnections = 32
        var saturationSeconds = 10.0

        static let full = Scale()
        static let quick = Scale(
            participants: 200, connections: 4, warmupSeconds: 0.2, inboundSeconds: 1, offeredRate: 500,
            latencySeconds: 1, batchSeconds: 1, batchEvents: 50, broadcastRecipients: 1_000, deliveryTimeout: 20,
            syncFullSeconds: 1, largeParticipants: 5_000, largeLogEntries: 50_000, childTransactions: 200,
            saturationParticipants: 200, saturationConnections: 32, saturationSeconds: 1)
    }

    static let hsToken = "bench-hs-token"
    static let asToken = "bench-as-token"
    static let seed: UInt64 = 20_260_314
    /// The flood limit the benchmark's service runs with: out of reach of any load generator here.
    static let noFloodLimit = 1_000_000_000

    public let options: Options
    let scale: Scale

    public init(options: Options) {
        self.options = options
        self.scale = options.quick ? .quick : .full
    }

    /// Runs every phase, passing each output line to `emit` as soon as it is known.
    public func run(emit: (String) -> Void) throws {
        let began = LoadGenerator.now()
        let work = try Self.temporaryDirectory()
        let dialogs = URL(fileURLWithPath: options.dialogsPath).standardizedFileURL.path
        guard FileManager.default.fileExists(atPath: dialogs + "/flows") else {
            throw BenchError("no dialogues at \(dialogs) (run from the repository or pass --dialogs DIR)")
        }
        let redirect = BenchSystem.StandardErrorRedirect(to: work + "/service.log")
        defer {
            redirect.restore()
            if !options.keep { try? FileManager.default.removeItem(atPath: work) }
        }
        let s = scale
        emit("machine: \(BenchSystem.machine()) sqlite=\(try Self.sqliteVersion(work)) "
            + "fs=\(Self.filesystem(of: work)) mode=\(options.quick ? "quick" : "full") seed=\(Self.seed) "
            + "loadavg_before=\(Self.loadAverage())")
        if options.keep { emit("workdir: \(work)") }

        let homeserver = FakeHomeserver()
        let homeserverURL = try homeserver.start()
        defer { homeserver.stop() }
        /// Without `delivery` the service has no homeserver, hence no outbox worker: replies stay queued.
        func configuration(_ database: String, synchronous: String, delivery: Bool = true) -> Configuration {
            var configuration = Configuration()
            configuration.databasePath = database
            configuration.databaseSynchronous = synchronous
            configuration.httpPort = 0
            configuration.dialogsPath = dialogs
            configuration.matrixHomeserverURL = delivery ? homeserverURL : ""
            configuration.matrixServerName = "bench"
            configuration.matrixASToken = Self.asToken
            configuration.matrixHSToken = Self.hsToken
            // Load generators are not floods: every message must go through the engine, none be merely stored.
            configuration.inboundMaxMessagesPerMinute = Self.noFloodLimit
            return configuration
        }
        let participants = Array(1...s.participants)
        func wants(_ phase: Phase) -> Bool { options.only?.contains(phase) ?? true }

        // 1–3: inbound, latency, batches — synchronous=NORMAL. Replies are queued, not delivered, during these
        // phases (delivery is figure 4), so the figures are the inbound path alone.
        /// A freshly enrolled database at `path`, the service on it (replies queued, not delivered) and a load
        /// generator connected to it, for `body`; both stopped afterwards.
        func withInboundLoad(
            _ path: String, _ synchronous: SynchronousMode, tag: String,
            _ body: (TandemService, LoadGenerator) throws -> Void
        ) throws {
            try Self.enrol(path, participants: s.participants, synchronous: synchronous)
            let service = try TandemService(
                configuration: configuration(path, synchronous: synchronous.rawValue, delivery: false))
            let port = try service.start()
            defer {
                service.shutdown()
                service.waitUntilStopped()
            }
            let load = LoadGenerator(
                port: port, hsToken: Self.hsToken, participants: participants, connections: s.connections,
                seed: Self.seed, tag: tag)
            defer { load.disconnect() }
            try body(service, load)
        }

        let inboundPath = work + "/inbound.sqlite"
        if wants(.inbound) {
            try withInboundLoad(inboundPath, .normal, tag: "n") { service, load in
                var sent = LoadGenerator.Result()

                let warmup = try load.closedLoop(seconds: s.warmupSeconds)
                sent.merge(warmup)
                let inbound = try load.closedLoop(seconds: s.inboundSeconds)
                sent.merge(inbound)
                emit("inbound_tx_per_s=\(Self.whole(inbound.perSecond)) (single-event transactions, each a step of "
                    + "the log-a-meeting flow; \(s.connections) connections, \(Self.fixed(inbound.seconds, 1)) s, "
                    + "\(inbound.transactions) transactions, \(s.participants) participants, synchronous=NORMAL, "
                    + "outbox delivery off; "
                    + "service time p50=\(Self.fixed(Self.percentile(inbound.latencies, 50), 2)) ms; "
                    + "\(Self.cpuNote(inbound))\(Self.failureNote(inbound)))")

                let latency = try load.openLoop(rate: s.offeredRate, seconds: s.latencySeconds)
                sent.merge(latency)
                emit("latency_ms_p50=\(Self.fixed(Self.percentile(latency.latencies, 50), 2)) "
                    + "p99=\(Self.fixed(Self.percentile(latency.latencies, 99), 2)) "
                    + "max=\(Self.fixed(latency.latencies.max() ?? 0, 2)) at_offered=\(Self.whole(s.offeredRate))/s "
                    + "(achieved \(Self.whole(latency.perSecond))/s, \(latency.transactions) transactions, "
                    + "\(Self.fixed(latency.seconds, 1)) s, latency counted from each transaction's scheduled time"
                    + "\(latency.unsent > 0 ? "; OVERLOADED: \(latency.unsent) due transactions never sent" : "")"
                    + "\(Self.failureNote(latency)))")

                let batched = try load.closedLoop(seconds: s.batchSeconds, events: s.batchEvents)
                sent.merge(batched)
                emit("batched_tx_per_s=\(Self.fixed(batched.perSecond, 1)) (\(s.batchEvents) events; "
                    + "\(Self.whole(Double(batched.events) / max(batched.seconds, 0.001))) events/s, "
                    + "\(batched.transactions) transactions; service CPU "
                    + "\(Self.fixed(batched.serviceCPUPerTransaction / Double(s.batchEvents), 3)) ms per event"
                    + "\(Self.failureNote(batched)))")
                load.disconnect()

                emit(try Self.checkFlows(service.pipeline.database, sent: sent))
            }
        }

        // Saturation (issue 17): replies delivered, many connections, a child service.
        if wants(.saturation) {
            try SaturationPhase(
                executable: options.executable,
                environment: Self.environment(configuration(work + "/saturation.sqlite", synchronous: "NORMAL")),
                databasePath: work + "/saturation.sqlite", logPath: work + "/child-saturation.log",
                homeserver: homeserver, scale: s
            ).run(emit: emit)
        }

        // 4: broadcast fan-out, on the same database, now with the outbox worker delivering to the fake homeserver.
        // The inbound phases' replies are set aside first so that the delivery figure is the broadcast alone.
        if wants(.delivery) {
            do {
                if !FileManager.default.fileExists(atPath: inboundPath) {
                    try Self.enrol(inboundPath, participants: s.participants, synchronous: .normal)
                }
                let service = try TandemService(configuration: configuration(inboundPath, synchronous: "NORMAL"))
                try service.start()
                defer {
                    service.shutdown()
                    service.waitUntilStopped()
                }
                try service.pipeline.database.write {
                    try $0.run("UPDATE outbox SET status = 'sent' WHERE status = 'queued'")
                }
                let before = homeserver.broadcastSends
                let queueStart = LoadGenerator.now()
                let work = try BenchData.queueBroadcast(
                    service.pipeline.database, recipients: s.broadcastRecipients, now: service.pipeline.clock.now())
                let queued = LoadGenerator.now()
                // The enqueues themselves: the new service's scheduler pass may share (and lengthen) the transaction.
                let shared = (queued - queueStart) - (work.ended - work.began)
                emit("broadcast_queue_10k_ms=\(Self.fixed((work.ended - work.began) * 1000, 1)) "
                    + "(\(s.broadcastRecipients) outbox rows, OutboxRepository.enqueue in one transaction"
                    + (shared >= 0.1
                        ? "; committed \(Self.fixed(shared * 1000, 1)) ms later, with the scheduler's first pass" : "")
                    + ")")
                var first: Double?
                var last = queued
                var delivered = 0
                while LoadGenerator.now() - queued < s.deliveryTimeout {
                    delivered = homeserver.broadcastSends - before
                    if delivered > 0, first == nil { first = LoadGenerator.now() }
                    if delivered >= s.broadcastRecipients { break }
                    usleep(1_000)
                }
                last = LoadGenerator.now()
                let span = last - (first ?? queued)
                emit("delivery_rate_per_s=\(Self.whole(Double(delivered) / max(span, 0.001))) "
                    + "(\(delivered) of \(s.broadcastRecipients) broadcast rows delivered to the fake homeserver in "
                    + "\(Self.fixed(span, 2)) s from the first send; \(Self.fixed(last - queued, 2)) s from commit)")
            }
        }

        // 7: the same inbound test with synchronous=FULL.
        if wants(.syncFull) {
            try withInboundLoad(work + "/inbound-full.sqlite", .full, tag: "f") { _, load in
                _ = try load.closedLoop(seconds: s.warmupSeconds)
                let full = try load.closedLoop(seconds: s.syncFullSeconds)
                emit("inbound_tx_per_s_sync_full=\(Self.whole(full.perSecond)) (synchronous=FULL, otherwise as "
                    + "inbound_tx_per_s; service time p50=\(Self.fixed(Self.percentile(full.latencies, 50), 2)) ms; "
                    + "\(Self.cpuNote(full))\(Self.failureNote(full)))")
            }
        }

        // 6: idle memory of a freshly started service.
        if wants(.memory) {
            do {
                let path = work + "/idle.sqlite"
                try Self.enrol(path, participants: s.participants, synchronous: .normal)
                let child = try BenchSystem.ChildService(
                    executable: options.executable,
                    environment: Self.environment(configuration(path, synchronous: "NORMAL")),
                    logPath: work + "/child-idle.log")
                defer { child.stop() }
                usleep(1_000_000)
                let rss = child.residentMB
                emit("rss_idle_mb=\(Self.fixed(rss.current, 1)) (child tandem serve, started and idle 1 s, "
                    + "\(s.participants) participants enrolled)")
            }
        }

        // 5, 6: the national-scale database.
        if wants(.large) {
            let large = work + "/large.sqlite"
            let built = LoadGenerator.now()
            do {
                let database = try Database(path: large, synchronous: .off)
                try BenchData.buildLarge(
                    database, participants: s.largeParticipants, logEntries: s.largeLogEntries, now: Clock.system.now())
            }
            let size = (try? FileManager.default.attributesOfItem(atPath: large)[.size] as? Int) ?? 0
            emit("large_db: \(s.largeParticipants) participants, \(s.largeParticipants) pairs, "
                + "\(s.largeLogEntries) log entries, \(size >> 20) MiB, built in "
                + "\(Self.fixed(LoadGenerator.now() - built, 1)) s")
            do {
                let opening = LoadGenerator.now()
                let service = try TandemService(configuration: configuration(large, synchronous: "NORMAL"))
                try service.start()
                let startup = (LoadGenerator.now() - opening) * 1000
                defer {
                    service.shutdown()
                    service.waitUntilStopped()
                }
                let today = Clock.localDate(Clock.system.now(), timeZone: "UTC")
                var passes: [Double] = []
                var found = (pairs: 0, recipients: 0)
                for _ in 0..<3 {
                    let start = LoadGenerator.now()
                    found = try BenchData.reminderPass(service.pipeline.database, today: today)
                    passes.append((LoadGenerator.now() - start) * 1000)
                }
                emit("reminder_pass_100k_pairs_ms=\(Self.fixed(passes[0], 1)) (\(s.largeParticipants) pairs, "
                    + "\(found.pairs) without a meeting in 14 days, \(found.recipients) recipients; first pass on a "
                    + "fresh connection, then "
                    + "\(passes.dropFirst().map { Self.fixed($0, 1) }.joined(separator: ", ")) ms)")
                emit("startup_ms_on_100k_1M_db=\(Self.fixed(startup, 1)) (in process: open + migrate + load dialogues "
                    + "+ listen)")
            }
            do {
                let child = try BenchSystem.ChildService(
                    executable: options.executable,
                    environment: Self.environment(configuration(large, synchronous: "NORMAL")),
                    logPath: work + "/child-large.log")
                defer { child.stop() }
                let started = child.residentMB
                let load = LoadGenerator(
                    port: child.port, hsToken: Self.hsToken, participants: Array(1...min(s.largeParticipants, 4_000)),
                    connections: s.connections, seed: Self.seed, tag: "l")
                let traffic = try load.fixedCount(s.childTransactions)
                load.disconnect()
                usleep(500_000)
                let after = child.residentMB
                emit("rss_after_100k_1M_mb=\(Self.fixed(after.current, 1)) (child tandem serve on the large database: "
                    + "\(Self.fixed(started.current, 1)) MB when started, \(Self.fixed(after.current, 1)) after "
                    + "\(traffic.transactions) transactions, peak \(Self.fixed(after.peak, 1)); process start to first "
                    + "/healthz \(Self.fixed(child.startupMilliseconds, 0)) ms\(Self.failureNote(traffic)))")
            }
        }

        let own = BenchSystem.residentMB()
        emit("bench_total_s=\(Self.fixed(LoadGenerator.now() - began, 1)) (benchmark process peak RSS "
            + "\(Self.fixed(own.peak, 0)) MB; loadavg_after=\(Self.loadAverage()))")
    }

    // MARK: - Helpers

    static func sqliteVersion(_ work: String) throws -> String {
        let connection = try Connection(path: ":memory:")
        return try connection.query("SELECT sqlite_version() AS v").first?.string("v") ?? "?"
    }

    /// A fresh database with `participants` enrolled, closed again before the service opens it.
    static func enrol(_ path: String, participants: Int, synchronous: SynchronousMode) throws {
        let database = try Database(path: path, synchronous: synchronous)
        try BenchData.enrol(database, count: participants, now: Clock.system.now())
        try database.read { try $0.execute("PRAGMA wal_checkpoint(TRUNCATE)") }
    }

    /// Every flow that was answered "yes" saved exactly one log entry; every message was stored and answered.
    static func checkFlows(_ database: Database, sent: LoadGenerator.Result) throws -> String {
        let counts = try database.read { connection in
            try connection.query("""
                SELECT (SELECT COUNT(*) FROM log_entries) AS logs, (SELECT COUNT(*) FROM inbound_messages) AS inbound,
                       (SELECT COUNT(*) FROM outbox WHERE conversation_id IS NOT NULL) AS replies
                """).first
        }
        let logs = counts?.int("logs") ?? 0
        let inbound = counts?.int("inbound") ?? 0
        let replies = counts?.int("replies") ?? 0
        let ok = logs == sent.savedLogs && inbound == sent.events && replies >= inbound && sent.failures == 0
        return "check_flows=\(ok ? "ok" : "FAILED") (messages stored \(inbound) of \(sent.events) sent, "
            + "replies queued \(replies), meetings saved \(logs) of \(sent.savedLogs) flows finished, "
            + "failed requests \(sent.failures))"
    }

    /// The configuration as `TANDEM_…` variables for a child `tandem serve`.
    static func environment(_ configuration: Configuration) -> [String: String] {
        [
            "TANDEM_DATABASE_PATH": configuration.databasePath,
            "TANDEM_DATABASE_SYNCHRONOUS": configuration.databaseSynchronous,
            "TANDEM_HTTP_HOST": "127.0.0.1", "TANDEM_HTTP_PORT": "0",
            "TANDEM_DIALOGS_PATH": configuration.dialogsPath,
            "TANDEM_MATRIX_HOMESERVER_URL": configuration.matrixHomeserverURL,
            "TANDEM_MATRIX_SERVER_NAME": configuration.matrixServerName,
            "TANDEM_MATRIX_AS_TOKEN": configuration.matrixASToken,
            "TANDEM_MATRIX_HS_TOKEN": configuration.matrixHSToken,
            "TANDEM_INBOUND_MAX_MESSAGES_PER_MINUTE": String(configuration.inboundMaxMessagesPerMinute),
        ]
    }

    static func temporaryDirectory() throws -> String {
        var template = Array((NSTemporaryDirectory() + "/tandem-bench.XXXXXX").utf8CString)
        guard let made = mkdtemp(&template) else { throw BenchError("cannot create a temporary directory") }
        return String(cString: made)
    }

    /// The file system type holding `path` (an fsync on tmpfs costs nothing: say so).
    static func filesystem(of path: String) -> String {
        let mounts = (try? String(contentsOfFile: "/proc/mounts", encoding: .utf8)) ?? ""
        var best = ("", "?")
        for line in mounts.split(separator: "\n") {
            let fields = line.split(separator: " ")
            guard fields.count > 2 else { continue }
            let point = String(fields[1])
            if path.hasPrefix(point), point.count > best.0.count { best = (point, String(fields[2])) }
        }
        return best.1
    }

    /// The 1-minute load average; above the core count, other processes took CPU from the benchmark.
    static func loadAverage() -> String {
        ((try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8)) ?? "?").split(separator: " ").first
            .map(String.init) ?? "?"
    }

    /// CPU cost per transaction outside the load generator — robust against other processes on the machine —
    /// and the throughput that cost allows if one transaction runs at a time (the database lock).
    static func cpuNote(_ result: LoadGenerator.Result) -> String {
        let perTransaction = result.serviceCPUPerTransaction
        return "service CPU \(fixed(perTransaction, 3)) ms per transaction (load generator excluded)"
    }

    static func percentile(_ values: [Double], _ p: Double) -> Double {
        guard !values.isEmpty else { return 0 }
        let sorted = values.sorted()
        let rank = Int((p / 100 * Double(sorted.count)).rounded(.up)) - 1
        return sorted[min(max(rank, 0), sorted.count - 1)]
    }

    static func whole(_ value: Double) -> String { String(Int(value.rounded())) }
    static func fixed(_ value: Double, _ digits: Int) -> String { String(format: "%.\(digits)f", value) }
    static func failureNote(_ result: LoadGenerator.Result) -> String {
        result.failures == 0 ? "" : "; \(result.failures) FAILED: \(result.firstFailure ?? "")"
    }
}

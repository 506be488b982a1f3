import Channels
import Foundation
import HTTP
import Store

/// The running service: HTTP endpoints in front, the pipeline and SQLite in the middle, outbox workers behind.
public final class TandemService: Sendable {
    public let configuration: Configuration
    public let pipeline: Pipeline
    public var metrics: ServiceMetrics { pipeline.metrics }
    private let server: HTTPServer
    private let workers: [OutboxWorker]
    private let scheduler: Scheduler
    /// Each channel and whether it sends (has an outbox worker), in registration order, for the start-up log.
    private let sending: [(channel: ChannelID, on: Bool)]

    /// Opens the database (with the tables of `channels`), loads the dialogues and starts nothing yet: prepares
    /// each channel's routes and, for those configured to send, an outbox worker.
    public init(configuration: Configuration, clock: Clock = .system, channels: ChannelRegistry = .standard) throws {
        self.configuration = configuration
        let pipeline = try ServiceFactory(configuration: configuration).pipeline(clock: clock, channels: channels)
        self.pipeline = pipeline
        let metrics = pipeline.metrics
        var policy = RetryPolicy()
        policy.deadAfterMilliseconds = Int64(configuration.outboxDeadAfterMinutes) * 60_000
        policy.maxDelayMilliseconds = Int64(configuration.outboxRetryMaxSeconds) * 1_000
        policy.initialDelayMilliseconds = min(policy.initialDelayMilliseconds, policy.maxDelayMilliseconds)
        var workers: [OutboxWorker] = []
        var channelRoutes: [ChannelRoute] = []
        var sending: [(channel: ChannelID, on: Bool)] = []
        for registration in channels.registrations {
            let runtime = try registration.start(ChannelStartContext(
                configuration: configuration, settings: registration.settings(in: configuration), pipeline: pipeline,
                clock: clock))
            channelRoutes += runtime.routes
            if let transport = runtime.transport {
                workers.append(OutboxWorker(
                    database: pipeline.database, transport: transport, clock: clock, policy: policy, metrics: metrics,
                    retentionMinutes: configuration.outboxRetentionMinutes))
            }
            sending.append((registration.id, runtime.transport != nil))
        }
        self.sending = sending
        let started = workers
        self.workers = started
        let wakeWorkers: @Sendable () -> Void = { for worker in started { worker.wake() } }
        scheduler = Scheduler(
            database: pipeline.database, templates: pipeline.templates, engine: pipeline.engine, clock: clock,
            settings: configuration.reminderSettings, retentionMinutes: configuration.inboundRetentionMinutes,
            outboxRetentionMinutes: configuration.outboxRetentionMinutes, onQueued: wakeWorkers)
        let routes = Routes(pipeline: pipeline, channels: channelRoutes, metrics: metrics, onCommit: wakeWorkers)
        var limits = HTTPLimits()
        limits.maxBodyBytes = { method, path in routes.maxBodyBytes(method: method, path: path) }
        server = HTTPServer(
            configuration: HTTPServerConfiguration(
                host: configuration.httpHost, port: UInt16(configuration.httpPort),
                workerThreads: configuration.httpWorkers, limits: limits),
            accessLog: { [metrics] entry in
                metrics.timeRequest(entry)
                Log.info("http method=\(entry.method) route=\(routes.route(of: entry.path)) "
                    + "status=\(entry.status.code) duration_us=\(entry.durationMicroseconds)")
            },
            admission: routes.admission,
            handler: routes.handle)
    }

    /// Starts serving; returns the HTTP port.
    @discardableResult
    public func start() throws -> UInt16 {
        let port = try server.start()
        for worker in workers { worker.start() }
        scheduler.start()
        let channels = sending.map { "\($0.channel)=\($0.on ? "on" : "off")" }.joined(separator: " ")
        Log.info("serving http=\(configuration.httpHost):\(port) database=\(configuration.databasePath) \(channels)")
        return port
    }

    /// Graceful stop: no new connections, in-flight requests finish, workers stop after their current delivery.
    public func shutdown() {
        server.shutdown()
        for worker in workers { worker.stop() }
        scheduler.stop()
    }

    public func waitUntilStopped() { server.waitUntilStopped() }
}

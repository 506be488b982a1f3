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
    /// The channels with an outbox worker (`matrix`, `email`), for the start-up log.
    private let channels: [String]

    /// Opens the database, loads the dialogues and prepares (but does not start) the endpoints and workers.
    public init(configuration: Configuration, clock: Clock = .system) throws {
        self.configuration = configuration
        let pipeline = try ServiceFactory(configuration: configuration).pipeline(clock: clock)
        self.pipeline = pipeline
        let metrics = pipeline.metrics
        var workers: [OutboxWorker] = []
        var channels: [String] = []
        var policy = RetryPolicy()
        policy.deadAfterMilliseconds = Int64(configuration.outboxDeadAfterMinutes) * 60_000
        policy.maxDelayMilliseconds = Int64(configuration.outboxRetryMaxSeconds) * 1_000
        policy.initialDelayMilliseconds = min(policy.initialDelayMilliseconds, policy.maxDelayMilliseconds)
        var fetchMedia: (@Sendable (MatrixMedia) -> MatrixIngest.FetchedMedia?)?
        if let client = MatrixClient(configuration: configuration) {
            workers.append(OutboxWorker(
                database: pipeline.database, transport: MatrixTransport(client: client, database: pipeline.database),
                clock: clock, policy: policy, metrics: metrics))
            channels.append(MatrixIngest.channel)
            fetchMedia = { media in client.fetch(media) }
        }
        let identity = EmailIdentity(from: configuration.emailFrom)
        let replyKey = try configuration.replyKey()
        if let client = try SMTPClient(configuration: configuration), let identity {
            workers.append(OutboxWorker(
                database: pipeline.database,
                transport: SMTPTransport(
                    client: client, identity: identity, database: pipeline.database, clock: clock,
                    ratePerHour: configuration.emailRateLimitPerHour, replyKey: replyKey),
                clock: clock, policy: policy, metrics: metrics))
            channels.append(EmailIngest.channel)
        }
        self.channels = channels
        let started = workers
        self.workers = started
        let wakeWorkers: @Sendable () -> Void = { for worker in started { worker.wake() } }
        scheduler = Scheduler(
            database: pipeline.database, templates: pipeline.templates, engine: pipeline.engine, clock: clock,
            settings: configuration.reminderSettings, onQueued: wakeWorkers)
        let routes = Routes(
            pipeline: pipeline,
            matrix: MatrixIngest(pipeline: pipeline, botUserID: configuration.matrixBotUserID, fetchMedia: fetchMedia),
            hsToken: configuration.matrixHSToken, metrics: metrics,
            email: EmailWebhook(
                ingest: EmailIngest(
                    pipeline: pipeline, identity: identity, senderPolicy: configuration.emailSenderPolicy,
                    replyKey: replyKey),
                secret: configuration.emailWebhookSecret, mailgunSigningKey: configuration.emailMailgunSigningKey),
            onCommit: wakeWorkers)
        var limits = HTTPLimits()
        limits.maxBodyBytes = { method, path in Routes.maxBodyBytes(method: method, path: path) }
        server = HTTPServer(
            configuration: HTTPServerConfiguration(
                host: configuration.httpHost, port: UInt16(configuration.httpPort),
                workerThreads: configuration.httpWorkers, limits: limits),
            accessLog: { entry in
                Log.info("http method=\(entry.method) route=\(Routes.route(of: entry.path)) status=\(entry.status.code) "
                    + "duration_us=\(entry.durationMicroseconds)")
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
        Log.info("serving http=\(configuration.httpHost):\(port) database=\(configuration.databasePath) "
            + "matrix=\(channels.contains("matrix") ? "on" : "off") email=\(channels.contains("email") ? "on" : "off")")
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

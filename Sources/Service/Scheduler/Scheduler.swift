import Engine
import Foundation
import Programme
import Store
import Synchronization

/// Sends what falls due without anyone writing: scheduled broadcasts and reminders (quiet pairs, document
/// deadlines, agreed sessions before and "did you meet?" after them — see `ReminderPlanner`). `runDue(now:)` does
/// one pass and is what tests call with a controlled clock; `start()` runs it on a thread every `interval`. Each
/// broadcast and each programme's reminders commit in their own transaction, and everything it queues is keyed so a
/// second pass, a restart or a catch-up after downtime sends nothing twice. Each pass also drops what is no longer
/// kept (`Scheduler+Retention.swift`).
public final class Scheduler: Sendable {
    let database: Database
    private let templates: TemplateCatalog
    let engine: Engine
    private let clock: Clock
    private let settings: ReminderSettings
    private let interval: Int64
    let retentionMinutes: Int
    /// Minutes a delivered row keeps its text after it was queued; nil: for good.
    let outboxRetentionMinutes: Int?
    /// The outbox rows up to this id have been looked at by ``forget(now:)`` (kept in memory: after a restart the
    /// first passes go over the table again, a chunk at a time).
    let forgottenOutbox = Mutex<Int64>(0)
    private let onQueued: @Sendable () -> Void
    private let signal = NSCondition()
    private let running = Mutex(false)

    /// `engine` says the texts and opens the "did you meet?" flow; `onQueued` is called after a pass that queued
    /// messages (to wake the outbox workers).
    public init(
        database: Database, templates: TemplateCatalog, engine: Engine, clock: Clock = .system,
        settings: ReminderSettings = ReminderSettings(), intervalMilliseconds: Int64 = 60_000,
        retentionMinutes: Int = 60, outboxRetentionMinutes: Int? = nil, onQueued: @escaping @Sendable () -> Void = {}
    ) {
        self.retentionMinutes = retentionMinutes
        self.outboxRetentionMinutes = outboxRetentionMinutes
        self.database = database
        self.templates = templates
        self.engine = engine
        self.clock = clock
        self.settings = settings
        self.interval = intervalMilliseconds
        self.onQueued = onQueued
    }

    /// One pass at `now`: what is no longer kept is forgotten, then due broadcasts, then each programme's reminders,
    /// then files nothing needs any more.
    @discardableResult
    public func runDue(now: Int64) throws -> SchedulerRun {
        try forget(now: now)
        var run = SchedulerRun()
        let due = try database.read { try BroadcastRepository($0).due(now: now) }
        for broadcast in due {
            let outcome = try database.write { connection in
                try BroadcastSender(connection: connection, templates: templates, localizer: engine.catalog.localizer)
                    .send(broadcast, now: now)
            }
            if outcome.queued + outcome.unreachable > 0 { run.broadcasts += 1 }
        }
        let programmes = try database.read { try ReminderRepository($0).programmes() }
        for programme in programmes {
            guard let template = templates.template(programme.template) else { continue }
            run.reminders += try database.write { connection in
                try ReminderPlanner(connection: connection, engine: engine, settings: settings)
                    .run(programme, template: template, now: now)
            }
        }
        if run.broadcasts + run.reminders > 0 { onQueued() }
        // A flow that could still use a file has expired by then (a stranger's, a cancelled or dropped receipt).
        let minutes = engine.catalog.longestFlowMinutes(defaultMinutes: engine.defaultExpiryMinutes)
        run.files = try database.write { connection in
            try HeldActionRepository(connection).forgetExpired(now: now)
            return try AttachmentRepository(connection).deleteUnused(before: now - Int64(minutes) * 60_000)
        }
        return run
    }

    /// Starts the scheduler thread.
    public func start() {
        running.withLock { $0 = true }
        let thread = Thread { [self] in loop() }
        thread.name = "scheduler"
        thread.start()
    }

    /// Stops after the current pass.
    public func stop() {
        running.withLock { $0 = false }
        signal.lock()
        signal.signal()
        signal.unlock()
    }

    private func loop() {
        while running.withLock({ $0 }) {
            do {
                try runDue(now: clock.now())
            } catch {
                Log.error("scheduler: \(error)")
            }
            signal.lock()
            if running.withLock({ $0 }) {
                _ = signal.wait(until: Date(timeIntervalSinceNow: Double(interval) / 1000))
            }
            signal.unlock()
        }
    }
}

import Foundation
import Store
import Synchronization

/// Delivers one channel's outbox rows: oldest first, one at a time per address (so a room gets its messages in
/// order), retrying with capped exponential backoff and the peer's `Retry-After`, marking rows dead after the
/// policy's limit. Rows are only marked sent after the peer accepted them; a crash in between means a resend
/// that the peer de-duplicates (Matrix send txnIds are derived from the row id).
public final class OutboxWorker: Sendable {
    private let database: Database
    private let transport: any OutboxTransport
    private let clock: Clock
    private let policy: RetryPolicy
    private let metrics: ServiceMetrics?
    private let signal = NSCondition()
    private let state = Mutex(State())

    private struct State {
        var running = false
        var pending = false
    }

    public init(database: Database, transport: any OutboxTransport, clock: Clock = .system, policy: RetryPolicy = .init(),
                metrics: ServiceMetrics? = nil) {
        self.database = database
        self.transport = transport
        self.clock = clock
        self.policy = policy
        self.metrics = metrics
    }

    /// Starts the delivery thread.
    public func start() {
        let thread = Thread { [self] in loop() }
        thread.name = "outbox-\(transport.channel)"
        state.withLock { $0.running = true }
        thread.start()
    }

    /// Tells the worker new rows may be due (called after a commit that queued some).
    public func wake() {
        signal.lock()
        state.withLock { $0.pending = true }
        signal.signal()
        signal.unlock()
    }

    /// Stops after the current delivery.
    public func stop() {
        state.withLock { $0.running = false }
        wake()
    }

    /// How many rows are sent at once. Each due row is for a different address, so one slow peer request does
    /// not hold up every other room.
    public static let parallelDeliveries = 8

    /// Delivers every row that is due now, several addresses at a time; returns how many rows were attempted.
    @discardableResult
    public func deliverDue() throws -> Int {
        let now = clock.now()
        let rows = try database.read { try OutboxRepository($0).due(channel: transport.channel, now: now) }
        let failures = Mutex<[any Error]>([])
        let slots = DispatchSemaphore(value: Self.parallelDeliveries)
        let group = DispatchGroup()
        for row in rows {
            slots.wait()
            DispatchQueue.global().async(group: group) { [self] in
                defer { slots.signal() }
                do {
                    try record(transport.deliver(row), for: row)
                } catch {
                    failures.withLock { $0.append(error) }
                }
            }
        }
        group.wait()
        if let failure = failures.withLock({ $0.first }) { throw failure }
        return rows.count
    }

    private func record(_ result: DeliveryResult, for row: OutboxMessage) throws {
        let now = clock.now()
        let event = "outbox id=\(row.id) channel=\(transport.channel)"
        let logged: (LogLevel, String)? = try database.write { connection in
            let outbox = OutboxRepository(connection)
            switch result {
            case .delivered:
                try outbox.markSent(row.id, now: now)
                return nil
            case .reject(let reason):
                try outbox.markDead(row.id, error: reason)
                return (.warn, "\(event) dead reason=\(reason.debugDescription)")
            case .retry(let after, let reason):
                let created = try connection.query("SELECT created_at FROM outbox WHERE id = ?", [row.id])
                    .first?.int64("created_at") ?? now
                if now - created >= policy.deadAfterMilliseconds {
                    try outbox.markDead(row.id, error: "gave up after \(row.attempts + 1) attempts: \(reason)")
                    return (.warn, "\(event) dead attempts=\(row.attempts + 1) reason=\(reason.debugDescription)")
                }
                let delay = after ?? policy.delay(afterAttempts: row.attempts, random: Double.random(in: 0...1))
                try outbox.markFailed(row.id, error: reason, retryAt: now + delay)
                return (.debug, "\(event) retry attempts=\(row.attempts + 1) in_ms=\(delay) "
                    + "reason=\(reason.debugDescription)")
            }
        }
        if let (level, line) = logged { Log.write(level, line) }
        metrics?.countDelivery(channel: transport.channel, result: result)
    }

    private func loop() {
        while state.withLock({ $0.running }) {
            var delivered = 0
            do {
                delivered = try deliverDue()
            } catch {
                Log.error("outbox \(transport.channel): \(error)")
            }
            if delivered > 0 { continue }
            let next = (try? database.read { try OutboxRepository($0).nextDue(channel: transport.channel) }) ?? nil
            let wait = min(max((next ?? Int64.max / 2) - clock.now(), 10), 1_000)
            signal.lock()
            if !state.withLock({ $0.pending }) {
                _ = signal.wait(until: Date(timeIntervalSinceNow: Double(wait) / 1000))
            }
            state.withLock { $0.pending = false }
            signal.unlock()
        }
    }
}

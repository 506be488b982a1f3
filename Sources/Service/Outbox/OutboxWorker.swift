import Foundation
import Store
import Synchronization

/// Delivers one channel's outbox rows: oldest first, one at a time per address (so a room gets its messages in
/// order), retrying with capped exponential backoff and the peer's `Retry-After`, marking rows dead after the
/// policy's limit. Rows are only marked sent after the peer accepted them; a crash in between means a resend
/// that the peer de-duplicates (Matrix send txnIds are derived from the row id).
///
/// Two threads (issue 17). The dispatcher keeps up to ``parallelDeliveries`` deliveries running: whenever one is
/// free and rows may be due it looks for them on the database's concurrent reader (never waiting for a write) and
/// hands each to a delivery thread of its own (started when first needed, up to ``parallelDeliveries``: the shared
/// dispatch queue ran no more than four blocking deliveries at once on a 2-core machine, and replies fell seconds
/// behind). The recorder writes what the deliveries report — everything finished since its last write, in one
/// transaction — while the dispatcher goes on; a row stays out of the looks until it is recorded.
/// Before, each delivered row was a write of its own that the next round of deliveries waited for: under load the
/// marks queued behind the inbound writes, and replies fell seconds behind the messages they answered.
///
/// Both threads pace themselves: at most one look per ``lookInterval`` and one write per ``recordInterval`` while
/// deliveries are running, however many commits wake them — a reply may leave a millisecond later, but a busy
/// service no longer pays a look and a write for every row.
public final class OutboxWorker: Sendable {
    private let database: Database
    private let transport: any OutboxTransport
    private let clock: Clock
    private let policy: RetryPolicy
    private let metrics: ServiceMetrics?
    /// How long a delivered row keeps its text after it was queued (nil: for good).
    private let retentionMilliseconds: Int64?
    /// The dispatcher and the recorder sleep on these; what they wait for is in `state` (changed before signalling).
    private let dispatcherWake = NSCondition()
    private let recorderWake = NSCondition()
    /// The delivery threads sleep on this while no row waits for them.
    private let deliveryWake = NSCondition()
    private let state = Mutex(State())

    private struct State {
        var running = false
        /// Rows may have become due (a commit queued some, a row was recorded): the dispatcher looks again.
        var pending = false
        /// Deliveries running now, or handed over and waiting for a delivery thread.
        var delivering = 0
        /// Rows handed over, oldest first, not yet taken by a delivery thread.
        var handedOver: [OutboxMessage] = []
        /// Delivery threads started, and how many of them wait for a row.
        var deliveryThreads = 0
        var idleDeliveryThreads = 0
        /// The dispatcher's last look filled every free delivery: more rows may be due when one finishes.
        var moreDue = false
        /// Rows handed to a delivery job and not yet recorded: still `queued` in the database, never sent twice.
        var unrecorded: Set<Int64> = []
        /// Deliveries finished and not yet recorded, in the order they finished.
        var finished: [Delivery] = []
    }

    /// A row and what its delivery attempt gave.
    private struct Delivery: Sendable {
        let row: OutboxMessage
        let result: DeliveryResult
    }

    /// `retentionMinutes`: a row delivered later than that after it was queued loses its text at once (the
    /// scheduler drops the others' as their time passes); nil keeps it.
    public init(database: Database, transport: any OutboxTransport, clock: Clock = .system, policy: RetryPolicy = .init(),
                metrics: ServiceMetrics? = nil, retentionMinutes: Int? = nil) {
        self.retentionMilliseconds = retentionMinutes.map { Int64($0) * 60_000 }
        self.database = database
        self.transport = transport
        self.clock = clock
        self.policy = policy
        self.metrics = metrics
    }

    /// Starts the dispatcher and recorder threads. Rows waiting out a backoff are due at once: the outage they wait
    /// for may be long over (a restart, a restore on another machine) and they would otherwise wait up to the
    /// longest backoff with the peer back. Rows waiting out the peer's rate limit (`429`) keep their wait.
    public func start() {
        do {
            _ = try database.write { try OutboxRepository($0).retryNow(channel: transport.channel, now: clock.now()) }
        } catch {
            Log.error("outbox \(transport.channel): could not retry the waiting rows at start: \(error)")
        }
        state.withLock {
            $0.running = true
            $0.pending = true
        }
        let dispatcher = Thread { [self] in dispatch() }
        dispatcher.name = "outbox-\(transport.channel)"
        dispatcher.start()
        let recorder = Thread { [self] in record() }
        recorder.name = "outbox-\(transport.channel)-marks"
        recorder.start()
    }

    /// Tells the worker new rows may be due (called after a commit that queued some).
    public func wake() {
        state.withLock { $0.pending = true }
        Self.signal(dispatcherWake)
    }

    /// Stops the dispatcher; deliveries on their way finish and are recorded.
    public func stop() {
        state.withLock { $0.running = false }
        wake()
        Self.signal(recorderWake)
        deliveryWake.lock()
        deliveryWake.broadcast()
        deliveryWake.unlock()
    }

    private static func signal(_ condition: NSCondition) {
        condition.lock()
        condition.signal()
        condition.unlock()
    }

    /// How many rows are on their way at once. Each is for a different address, so one slow peer request does
    /// not hold up every other room.
    public static let parallelDeliveries = 12

    /// Delivers every row that is due now, several addresses at a time, records the results in one transaction
    /// and returns how many rows were attempted. (The running worker does the same continuously.) Each delivery
    /// runs on a thread of its own, as the running worker's do: on the shared dispatch queue a busy machine ran
    /// none beside one that blocked, and a slow room held up the others.
    @discardableResult
    public func deliverDue() throws -> Int {
        let rows = try due(limit: 100)
        let finished = Mutex<[Delivery]>([])
        let slots = DispatchSemaphore(value: Self.parallelDeliveries)
        let group = DispatchGroup()
        for row in rows {
            slots.wait()
            group.enter()
            Thread.detachNewThread { [transport] in
                defer {
                    slots.signal()
                    group.leave()
                }
                let delivery = Delivery(row: row, result: transport.deliver(row))
                finished.withLock { $0.append(delivery) }
            }
        }
        group.wait()
        try record(finished.withLock { $0 })
        return rows.count
    }

    /// Queued rows due now, oldest first, the oldest of each address only, except those in `excluding`.
    private func due(limit: Int, excluding: Set<Int64> = []) throws -> [OutboxMessage] {
        let now = clock.now()
        return try database.readConcurrently {
            try OutboxRepository($0).due(channel: transport.channel, now: now, limit: limit, excluding: excluding)
        }
    }

    /// Records finished deliveries in one transaction: sent rows marked together, failures one by one.
    private func record(_ deliveries: [Delivery]) throws {
        guard !deliveries.isEmpty else { return }
        let now = clock.now()
        let logged: [(LogLevel, String)] = try database.write { connection in
            let outbox = OutboxRepository(connection)
            var lines: [(LogLevel, String)] = []
            var sent: [Int64] = []
            for delivery in deliveries {
                if delivery.result == .delivered {
                    sent.append(delivery.row.id)
                } else if let line = try recordFailure(delivery, connection, now: now) {
                    lines.append(line)
                }
            }
            try outbox.markSent(sent, now: now, forgettingQueuedBefore: retentionMilliseconds.map { now - $0 } ?? .min)
            return lines
        }
        for (level, line) in logged { Log.write(level, line) }
        for delivery in deliveries { metrics?.countDelivery(channel: transport.channel, result: delivery.result) }
    }

    /// A rejected row is dead; a row to retry waits (or is dead once it has failed for too long). The log line.
    private func recordFailure(
        _ delivery: Delivery, _ connection: Connection, now: Int64
    ) throws -> (LogLevel, String)? {
        let row = delivery.row
        let outbox = OutboxRepository(connection)
        let event = "outbox id=\(row.id) channel=\(transport.channel)"
        switch delivery.result {
        case .delivered:
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

    // MARK: - The running worker

    /// The shortest time between two looks for due rows.
    static let lookInterval = 0.001
    /// The shortest time between two writes of finished deliveries while others are running.
    static let recordInterval = 0.002

    /// The dispatcher: fills free deliveries with due rows, then sleeps until a commit, a finished delivery or a
    /// recorded row may have made more due (or the next retry falls due).
    private func dispatch() {
        var lastLook = 0.0
        while state.withLock({ $0.running }) {
            let (free, unrecorded) = state.withLock { state in
                state.pending = false
                return (Self.parallelDeliveries - state.delivering, state.unrecorded)
            }
            var waitMilliseconds: Int64 = 1_000
            if free > 0 {
                lastLook = Self.now()
                do {
                    let rows = try due(limit: free, excluding: unrecorded)
                    state.withLock { $0.moreDue = rows.count == free }
                    for row in rows { send(row) }
                    if rows.isEmpty, unrecorded.isEmpty {
                        let next = try database.readConcurrently {
                            try OutboxRepository($0).nextDue(channel: transport.channel)
                        }
                        waitMilliseconds = min(max((next ?? Int64.max / 2) - clock.now(), 10), 1_000)
                    }
                } catch {
                    Log.error("outbox \(transport.channel): \(error)")
                }
            }
            dispatcherWake.lock()
            let idle = state.withLock { state in
                state.running && (!state.pending || state.delivering >= Self.parallelDeliveries)
            }
            if idle { _ = dispatcherWake.wait(until: Date(timeIntervalSinceNow: Double(waitMilliseconds) / 1000)) }
            dispatcherWake.unlock()
            Self.pause(until: lastLook + Self.lookInterval)  // wake-ups meanwhile make one look
        }
    }

    /// Hands a row to a delivery thread, starting one if none is free; the delivery reports to the recorder.
    private func send(_ row: OutboxMessage) {
        deliveryWake.lock()
        let startThread = state.withLock { state in
            state.delivering += 1
            state.unrecorded.insert(row.id)
            state.handedOver.append(row)
            guard state.idleDeliveryThreads < state.handedOver.count,
                  state.deliveryThreads < Self.parallelDeliveries else { return false }
            state.deliveryThreads += 1
            return true
        }
        deliveryWake.signal()
        deliveryWake.unlock()
        guard startThread else { return }
        let thread = Thread { [self] in deliver() }
        thread.name = "outbox-\(transport.channel)-send"
        thread.start()
    }

    /// A delivery thread: delivers the rows handed over, one at a time, until the worker stops and none is left.
    private func deliver() {
        while let row = nextHandedOver() {
            let delivery = Delivery(row: row, result: transport.deliver(row))
            let lookAgain = state.withLock { state in
                state.delivering -= 1
                state.finished.append(delivery)
                if state.moreDue { state.pending = true }
                return state.pending  // rows were left behind, or came while every delivery was running
            }
            Self.signal(recorderWake)
            if lookAgain { Self.signal(dispatcherWake) }
        }
    }

    /// The oldest row handed over, once there is one; nil when the worker stopped and none is left.
    private func nextHandedOver() -> OutboxMessage? {
        deliveryWake.lock()
        defer { deliveryWake.unlock() }
        while true {
            let (row, stopped) = state.withLock { state -> (OutboxMessage?, Bool) in
                if !state.handedOver.isEmpty { return (state.handedOver.removeFirst(), false) }
                return (nil, !state.running)
            }
            if row != nil || stopped { return row }
            state.withLock { $0.idleDeliveryThreads += 1 }
            deliveryWake.wait()
            state.withLock { $0.idleDeliveryThreads -= 1 }
        }
    }

    /// The recorder: writes whatever deliveries finished, together, until the worker stopped and nothing is left
    /// unrecorded. A failed write leaves the rows queued: they are sent again, and the peer de-duplicates them.
    private func record() {
        var lastWrite = 0.0
        while true {
            recorderWake.lock()
            var waiting = true
            while waiting {
                let (ready, done) = state.withLock { state in
                    (!state.finished.isEmpty, !state.running && state.unrecorded.isEmpty)
                }
                if ready || done {
                    waiting = false
                } else {
                    _ = recorderWake.wait(until: Date(timeIntervalSinceNow: 1))
                }
            }
            recorderWake.unlock()
            if state.withLock({ $0.delivering > 0 }) { Self.pause(until: lastWrite + Self.recordInterval) }
            let deliveries = state.withLock { state in
                defer { state.finished.removeAll(keepingCapacity: true) }
                return state.finished
            }
            if deliveries.isEmpty { return }
            lastWrite = Self.now()
            do {
                try record(deliveries)
            } catch {
                Log.error("outbox \(transport.channel): \(error)")
            }
            state.withLock { state in
                for delivery in deliveries { state.unrecorded.remove(delivery.row.id) }
                state.pending = true
            }
            Self.signal(dispatcherWake)
        }
    }

    private static func now() -> Double { Double(DispatchTime.now().uptimeNanoseconds) / 1e9 }

    /// Sleeps until `deadline` (``now()`` seconds) if it is still ahead.
    private static func pause(until deadline: Double) {
        let left = deadline - now()
        if left > 0 { usleep(UInt32(left * 1_000_000)) }
    }
}

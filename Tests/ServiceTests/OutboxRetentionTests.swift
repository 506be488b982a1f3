import Engine
import Foundation
import Service
import Store
import Synchronization
import Testing

/// A delivered reply repeats what people said ("Got it: • Topics: …"): its text goes once the outbox retention has
/// passed, as an inbound message's does, and at once when it is delivered later than that. Undelivered and dead rows
/// keep theirs, for `tandem outbox retry`.
struct OutboxRetentionTests {
    let database: Database
    let time = OutboxWorkerTests.ManualTime()

    init() throws {
        let folder = FileManager.default.temporaryDirectory
            .appendingPathComponent("tandem-outbox-retention-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        database = try Database(path: folder.appendingPathComponent("t.sqlite").path)
    }

    func queue(_ body: String, minutesAgo: Int64 = 0) throws {
        let now = time.withLock { $0 } - minutesAgo * 60_000
        _ = try database.write { connection in
            try OutboxRepository(connection).enqueue(
                conversationID: nil, channel: .matrix, address: "!room", body: body, now: now)
        }
    }

    func rows() throws -> [String: String] {
        try database.read { connection in
            Dictionary(uniqueKeysWithValues: try connection.query("SELECT id, status, body FROM outbox").map {
                ("\($0.int64("id"))", "\($0.string("status")):\($0.string("body"))")
            })
        }
    }

    func forget(retention: Int = 60, _ scheduler: Scheduler? = nil) throws {
        let runner = try TranscriptTests.runner()
        let scheduler = scheduler ?? Scheduler(
            database: database, templates: runner.templates, engine: Engine(catalog: runner.catalog),
            clock: time.clock, outboxRetentionMinutes: retention)
        try scheduler.runDue(now: time.withLock { $0 })
    }

    @Test func aDeliveredReplyLosesItsTextOnceTheRetentionHasPassed() throws {
        try queue("old sent", minutesAgo: 90)
        try queue("old queued", minutesAgo: 80)
        try queue("recent sent", minutesAgo: 30)
        _ = try database.write { connection in
            try OutboxRepository(connection).markSent([1, 3], now: time.withLock { $0 })
            try OutboxRepository(connection).markDead(2, error: "gave up")
        }
        try forget()
        #expect(try rows() == ["1": "sent:", "2": "dead:old queued", "3": "sent:recent sent"])
        time.withLock { $0 += 31 * 60_000 }
        try forget()
        #expect(try rows() == ["1": "sent:", "2": "dead:old queued", "3": "sent:"])
    }

    /// The passes go over the table a chunk at a time, keeping their place: the rows after a chunk are reached by
    /// the next pass, and none is looked at twice.
    @Test func eachPassGoesOnWhereTheLastStopped() throws {
        let runner = try TranscriptTests.runner()
        let scheduler = Scheduler(
            database: database, templates: runner.templates, engine: Engine(catalog: runner.catalog),
            clock: time.clock, outboxRetentionMinutes: 60)
        let count = Int(Scheduler.outboxChunk) + 10
        _ = try database.write { connection in
            let outbox = OutboxRepository(connection)
            for _ in 0..<count {
                try outbox.enqueue(conversationID: nil, channel: .matrix, address: "!room", body: "text",
                                   now: time.withLock { $0 } - 120 * 60_000)
            }
            try connection.run("UPDATE outbox SET status = 'sent'")
        }
        let kept = { try database.read { try $0.query("SELECT COUNT(*) AS n FROM outbox WHERE body != ''") }
            .first?.int("n") }
        try forget(scheduler)
        #expect(try kept() == 10)
        try forget(scheduler)
        #expect(try kept() == 0)
    }

    @Test func aReplyDeliveredAfterItsRetentionLosesItsTextAsItIsMarked() throws {
        try queue("late", minutesAgo: 61)
        try queue("on time", minutesAgo: 59)
        let worker = OutboxWorker(
            database: database, transport: OutboxWorkerTests.ScriptedTransport(), clock: time.clock,
            retentionMinutes: 60)
        while try worker.deliverDue() > 0 {}
        #expect(try rows() == ["1": "sent:", "2": "sent:on time"])
    }

    /// Rows are found by halving on their ids; the one queued last before the time is the answer, with gaps left
    /// by deleted rows.
    @Test func theLastRowQueuedBeforeATimeIsFound() throws {
        for minutes in [100, 90, 80, 70, 60, 50] as [Int64] { try queue("m\(minutes)", minutesAgo: minutes) }
        _ = try database.write { try $0.run("DELETE FROM outbox WHERE id IN (3, 4)") }
        let now = time.withLock { $0 }
        let last = { (minutesAgo: Int64, floor: Int64) in
            try database.read { try OutboxRepository($0).lastID(queuedBefore: now - minutesAgo * 60_000, after: floor) }
        }
        #expect(try last(75, 0) == 2)
        #expect(try last(65, 0) == 2)
        #expect(try last(55, 0) == 5)
        #expect(try last(45, 0) == 6)
        #expect(try last(95, 0) == 1)
        #expect(try last(200, 0) == 0)
        #expect(try last(45, 6) == 6)
    }
}

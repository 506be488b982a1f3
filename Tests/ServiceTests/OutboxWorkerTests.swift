import Foundation
import Service
import Store
import Synchronization
import Testing

/// The delivery worker against a scripted transport, on a real SQLite file, with a controlled clock.
struct OutboxWorkerTests {
    /// A transport that answers from a script per message body (then `.delivered`), recording what it delivered.
    final class ScriptedTransport: OutboxTransport {
        let channel = ChannelID.matrix
        let answers: Mutex<[String: [DeliveryResult]]>
        let delivered = Mutex<[String]>([])

        init(_ answers: [String: [DeliveryResult]] = [:]) { self.answers = Mutex(answers) }

        func deliver(_ message: OutboxMessage) -> DeliveryResult {
            let answer = answers.withLock { script in
                script[message.body]?.isEmpty == false ? script[message.body]!.removeFirst() : .delivered
            }
            if answer == .delivered { delivered.withLock { $0.append(message.body) } }
            return answer
        }

        /// What was delivered to each address, in order.
        func delivered(to prefix: String) -> [String] { delivered.withLock { $0 }.filter { $0.hasPrefix(prefix) } }
    }

    /// Time that moves only when a test says so.
    final class ManualTime: Sendable {
        private let now = Mutex<Int64>(1_000_000)
        func withLock<T>(_ body: (inout Int64) -> T) -> T { now.withLock { body(&$0) } }
        var clock: Clock { Clock { self.now.withLock { $0 } } }
    }

    let database: Database
    let time = ManualTime()
    var clock: Clock { time.clock }

    init() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("tandem-outbox-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        database = try Database(path: folder.appendingPathComponent("t.sqlite").path)
    }

    func queue(_ bodies: [(String, String)]) throws {
        try database.write { connection in
            for (address, body) in bodies {
                try OutboxRepository(connection).enqueue(
                    conversationID: nil, channel: .matrix, address: address, body: body, now: time.withLock { $0 })
            }
        }
    }

    func status(_ body: String) throws -> String {
        try database.read { try $0.query("SELECT status FROM outbox WHERE body = ?", [body]).first?.string("status") ?? "" }
    }

    @Test func everythingDueIsDeliveredInOrderPerRoom() throws {
        try queue([("!a", "a1"), ("!b", "b1"), ("!a", "a2"), ("!b", "b2"), ("!a", "a3")])
        let transport = ScriptedTransport()
        let worker = OutboxWorker(database: database, transport: transport, clock: clock)
        while try worker.deliverDue() > 0 {}
        #expect(transport.delivered(to: "a") == ["a1", "a2", "a3"])
        #expect(transport.delivered(to: "b") == ["b1", "b2"])
        #expect(try status("a3") == "sent")
    }

    @Test func aSlowRoomDoesNotHoldUpTheOthers() throws {
        try queue((0..<4).map { ("!room\($0)", "m\($0)") })
        final class SlowTransport: OutboxTransport {
            let channel = ChannelID.matrix
            let started = DispatchSemaphore(value: 0)
            let release = DispatchSemaphore(value: 0)
            let delivered = Mutex<[String]>([])
            func deliver(_ message: OutboxMessage) -> DeliveryResult {
                if message.body == "m0" {
                    started.signal()
                    release.wait()  // the homeserver sits on this one
                }
                delivered.withLock { $0.append(message.body) }
                return .delivered
            }
        }
        let transport = SlowTransport()
        let worker = OutboxWorker(database: database, transport: transport, clock: clock)
        let done = DispatchSemaphore(value: 0)
        DispatchQueue.global().async {
            _ = try? worker.deliverDue()
            done.signal()
        }
        transport.started.wait()
        let deadline = Date().addingTimeInterval(30)  // generous: the whole suite runs in parallel
        while transport.delivered.withLock({ $0.count }) < 3, Date() < deadline { usleep(10_000) }
        #expect(Set(transport.delivered.withLock { $0 }) == ["m1", "m2", "m3"])
        transport.release.signal()
        done.wait()
        #expect(try status("m0") == "sent")
    }

    @Test func aStartTriesAgainAtOnceWhatAnEarlierRunLeftWaiting() throws {
        try queue([("!a", "a1")])
        let transport = ScriptedTransport(["a1": [.retry(afterMilliseconds: 600_000, reason: "HTTP 503")]])
        let before = OutboxWorker(database: database, transport: transport, clock: clock)
        while try before.deliverDue() > 0 {}
        #expect(try before.deliverDue() == 0)  // waiting out its backoff
        let after = OutboxWorker(database: database, transport: transport, clock: clock)
        after.start()
        defer { after.stop() }
        let deadline = Date().addingTimeInterval(30)  // generous: the whole suite runs in parallel
        while transport.delivered.withLock({ $0.isEmpty }), Date() < deadline { usleep(10_000) }
        #expect(transport.delivered.withLock { $0 } == ["a1"])
    }

    @Test func aPrivateRowLosesItsTextOnceDeliveredAndOthersKeepTheirs() throws {
        try queue([("!a", "kept")])
        let before = try database.read { try OutboxRepository($0).lastID() }
        try queue([("!b", "concern text")])
        try database.write { try OutboxRepository($0).dropWhenSent(after: before) }
        let worker = OutboxWorker(database: database, transport: ScriptedTransport(), clock: clock)
        while try worker.deliverDue() > 0 {}
        let bodies = try database.read { try $0.query("SELECT body FROM outbox ORDER BY id").map { $0.string("body") } }
        #expect(bodies == ["kept", ""])
        #expect(try status("kept") == "sent")
    }

    @Test func aRoomWaitsForItsFailedMessageButOtherRoomsDoNot() throws {
        try queue([("!a", "a1"), ("!a", "a2"), ("!b", "b1")])
        let transport = ScriptedTransport(["a1": [.retry(afterMilliseconds: 30_000, reason: "429")]])
        let worker = OutboxWorker(database: database, transport: transport, clock: clock)
        while try worker.deliverDue() > 0 {}
        #expect(transport.delivered.withLock { $0 } == ["b1"])
        time.withLock { $0 += 29_000 }
        #expect(try worker.deliverDue() == 0)  // Retry-After not over yet
        time.withLock { $0 += 1_000 }
        while try worker.deliverDue() > 0 {}
        #expect(transport.delivered.withLock { $0 } == ["b1", "a1", "a2"])
    }

    @Test func failuresBackOffExponentiallyWithinTheCap() {
        var policy = RetryPolicy()
        policy.initialDelayMilliseconds = 1_000
        policy.maxDelayMilliseconds = 60_000
        #expect(policy.delay(afterAttempts: 0, random: 0) == 500)
        #expect(policy.delay(afterAttempts: 0, random: 1) == 1_000)
        #expect(policy.delay(afterAttempts: 3, random: 1) == 8_000)
        #expect(policy.delay(afterAttempts: 20, random: 1) == 60_000)
        #expect(policy.delay(afterAttempts: 20, random: 0) == 30_000)
    }

    @Test func aRowStillFailingAfterTheLimitIsMarkedDead() throws {
        try queue([("!a", "x")])
        var policy = RetryPolicy()
        policy.deadAfterMilliseconds = 60_000
        let transport = ScriptedTransport(["x": Array(repeating: .retry(afterMilliseconds: nil, reason: "HTTP 502"), count: 50)])
        let worker = OutboxWorker(database: database, transport: transport, clock: clock, policy: policy)
        for _ in 0..<50 {
            try worker.deliverDue()
            time.withLock { $0 += 10_000 }
        }
        #expect(try status("x") == "dead")
        let error = try database.read { try $0.query("SELECT last_error FROM outbox").first?.string("last_error") }
        #expect(error?.hasPrefix("gave up after") == true)
    }

    @Test func aRejectedRowIsDeadAtOnceAndCanBeRequeued() throws {
        try queue([("!a", "x")])
        let worker = OutboxWorker(
            database: database, transport: ScriptedTransport(["x": [.reject(reason: "M_FORBIDDEN (403)")]]), clock: clock)
        try worker.deliverDue()
        #expect(try status("x") == "dead")
        let id = try database.read { try $0.query("SELECT id FROM outbox").first?.int64("id") ?? 0 }
        #expect(try database.write { try OutboxRepository($0).retry(id) })
        try worker.deliverDue()
        #expect(try status("x") == "sent")
    }

    /// Waits (at most 30 s: the whole suite runs in parallel) until `condition` holds; whether it did.
    func eventually(_ condition: () throws -> Bool) rethrows -> Bool {
        let deadline = Date().addingTimeInterval(30)
        while try !condition(), Date() < deadline { usleep(5_000) }
        return try condition()
    }

    @Test func theRunningWorkerDeliversWhatIsQueuedInOrderPerRoomAndMarksItSent() throws {
        let bodies = (0..<60).map { ("!room\($0 % 7)", "m\($0 % 7)-\($0)") }
        try queue(bodies)
        let transport = ScriptedTransport()
        let worker = OutboxWorker(database: database, transport: transport, clock: clock)
        worker.start()
        defer { worker.stop() }
        #expect(try eventually {
            try database.read { try $0.query("SELECT COUNT(*) AS n FROM outbox WHERE status = 'sent'").first?.int("n") }
                == bodies.count
        })
        for room in 0..<7 {
            #expect(transport.delivered(to: "m\(room)-") == bodies.map(\.1).filter { $0.hasPrefix("m\(room)-") })
        }
    }

    @Test func theRunningWorkerSendsNewRowsWhileASlowDeliveryIsOnItsWay() throws {
        final class SlowTransport: OutboxTransport {
            let channel: ChannelID = .matrix
            let release = DispatchSemaphore(value: 0)
            let delivered = Mutex<[String]>([])
            func deliver(_ message: OutboxMessage) -> DeliveryResult {
                if message.body == "slow" { _ = release.wait(timeout: .now() + 30) }
                delivered.withLock { $0.append(message.body) }
                return .delivered
            }
        }
        try queue([("!slow", "slow")])
        let transport = SlowTransport()
        let worker = OutboxWorker(database: database, transport: transport, clock: clock)
        worker.start()
        defer {
            transport.release.signal()
            worker.stop()
        }
        try queue([("!a", "a1"), ("!b", "b1")])
        worker.wake()
        #expect(eventually { Set(transport.delivered.withLock { $0 }) == ["a1", "b1"] })
        #expect(try eventually { try status("a1") == "sent" && status("b1") == "sent" })
        #expect(try status("slow") == "queued")
    }

    @Test func theRunningWorkerHasEveryParallelDeliveryOnItsWayAtOnce() throws {
        /// Holds each delivery until as many are on their way as the worker promises, or until 3 s after the first
        /// began: a thread starts in microseconds, while the shared dispatch queue (which ran four at most on a 2-core
        /// machine, and replies fell seconds behind) added more only after about five seconds of blocked work.
        final class GatheringTransport: OutboxTransport {
            let channel: ChannelID = .matrix
            let gate = NSCondition()
            let state = Mutex((inside: 0, mostAtOnce: 0, gathered: false, firstAt: Date?.none))
            func deliver(_ message: OutboxMessage) -> DeliveryResult {
                gate.lock()
                defer { gate.unlock() }
                let deadline = state.withLock { state in
                    state.inside += 1
                    state.mostAtOnce = max(state.mostAtOnce, state.inside)
                    state.gathered = state.gathered || state.inside == OutboxWorker.parallelDeliveries
                    if state.firstAt == nil { state.firstAt = Date() }
                    return state.firstAt!.addingTimeInterval(3)
                }
                gate.broadcast()
                while !state.withLock({ $0.gathered }), gate.wait(until: deadline) {}
                state.withLock { $0.inside -= 1 }
                return .delivered
            }
        }
        let rooms = (0..<OutboxWorker.parallelDeliveries).map { ("!room\($0)", "m\($0)") }
        try queue(rooms)
        let transport = GatheringTransport()
        let worker = OutboxWorker(database: database, transport: transport, clock: clock)
        worker.start()
        defer { worker.stop() }
        #expect(try eventually { try rooms.allSatisfy { try status($0.1) == "sent" } })
        #expect(transport.state.withLock { $0.mostAtOnce } == OutboxWorker.parallelDeliveries)
    }
}

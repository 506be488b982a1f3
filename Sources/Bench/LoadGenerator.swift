import Dispatch
import Foundation

/// The benchmark's homeserver side of the appservice API: several keep-alive connections, each a thread that
/// sends `PUT /_matrix/app/v1/transactions/{txnId}` for its own participants. Every participant repeats the real
/// four-message flow of logging a meeting ("log 3 days ago 45 min topics: …" → "skip" → "skip" → "yes"), so each
/// transaction is a genuine flow step; a participant's messages are sent in order because only its lane sends them.
/// Message variants come from a fixed seed, so runs are reproducible.
final class LoadGenerator: Sendable {
    /// What a phase did.
    struct Result {
        var transactions = 0
        var events = 0
        var failures = 0
        /// Flows finished with "yes" (each one saved a log entry).
        var savedLogs = 0
        var seconds = 0.0
        /// Milliseconds per transaction; from its scheduled start in an open-loop phase (no coordinated omission).
        var latencies: [Double] = []
        var firstFailure: String?
        /// CPU seconds of the whole process during the phase, and of the load generator's own threads.
        var processCPU = 0.0
        var generatorCPU = 0.0
        /// Transactions that were due but never sent (an open-loop phase that fell too far behind).
        var unsent = 0

        /// CPU milliseconds per transaction spent outside the load generator (the service, its outbox worker and
        /// the fake homeserver).
        var serviceCPUPerTransaction: Double {
            transactions > 0 ? (processCPU - generatorCPU) * 1000 / Double(transactions) : 0
        }

        var perSecond: Double { seconds > 0 ? Double(transactions) / seconds : 0 }

        mutating func merge(_ other: Result) {
            transactions += other.transactions
            events += other.events
            failures += other.failures
            savedLogs += other.savedLogs
            latencies += other.latencies
            firstFailure = firstFailure ?? other.firstFailure
            processCPU += other.processCPU
            generatorCPU += other.generatorCPU
            unsent += other.unsent
        }
    }

    private let lanes: [Lane]

    /// - Parameters:
    ///   - participants: the participant numbers to drive (`@u{n}:bench` in the direct room `!r{n}:bench`),
    ///     dealt round-robin to `connections` lanes.
    ///   - tag: makes transaction and event ids unique in the database (one generator per tag).
    init(port: UInt16, hsToken: String, participants: [Int], connections: Int, seed: UInt64, tag: String) {
        lanes = (0..<connections).map { index in
            Lane(
                port: port, hsToken: hsToken, index: index,
                participants: stride(from: index, to: participants.count, by: connections).map { participants[$0] },
                seed: seed &+ UInt64(index) &* 0x9E37_79B9_7F4A_7C15, tag: tag)
        }
    }

    /// As many transactions as the service answers, for `seconds`, each lane sending the next one as soon as the
    /// previous is answered. `events` per transaction (distinct participants of the lane).
    func closedLoop(seconds: Double, events: Int = 1) throws -> Result {
        try run { lane, start in
            let end = start + seconds
            while Self.now() < end { try lane.step(events: events, scheduled: nil) }
        }
    }

    /// A fixed offered load: transaction k of a lane is due at start + k × interval; latency counts from then.
    func openLoop(rate: Double, seconds: Double) throws -> Result {
        let interval = Double(lanes.count) / rate
        return try run { lane, start in
            let total = Int(seconds / interval)
            for k in 0..<total {
                let due = start + Double(k) * interval + interval * Double(lane.index) / Double(self.lanes.count)
                // Overloaded: stop at 1.5 × the planned duration; what was not sent is reported as unsent.
                if Self.now() > start + seconds * 1.5 {
                    lane.result.unsent += total - k
                    break
                }
                let wait = due - Self.now()
                if wait > 0 { usleep(UInt32(wait * 1_000_000)) }
                try lane.step(events: 1, scheduled: due)
            }
        }
    }

    /// Exactly `count` single-event transactions spread over the lanes.
    func fixedCount(_ count: Int) throws -> Result {
        try run { lane, _ in
            let mine = count / self.lanes.count + (lane.index < count % self.lanes.count ? 1 : 0)
            for _ in 0..<mine { try lane.step(events: 1, scheduled: nil) }
        }
    }

    /// Closes the lanes' connections.
    func disconnect() { for lane in lanes { lane.socket = nil } }

    private func run(_ body: @escaping @Sendable (Lane, Double) throws -> Void) throws -> Result {
        for lane in lanes { lane.result = Result() }
        for lane in lanes where lane.socket == nil { lane.socket = try BenchSocket(port: lane.port) }
        let group = DispatchGroup()
        let cpuBefore = Self.processCPU()
        let start = Self.now()
        for lane in lanes {
            group.enter()
            let thread = Thread {
                let threadStart = Self.threadCPU()
                do { try body(lane, start) } catch {
                    lane.result.failures += 1
                    lane.result.firstFailure = lane.result.firstFailure ?? "\(error)"
                    lane.socket = nil
                }
                lane.result.generatorCPU = Self.threadCPU() - threadStart
                group.leave()
            }
            thread.stackSize = 1 << 20
            thread.start()
        }
        group.wait()
        var total = Result()
        total.seconds = Self.now() - start
        total.processCPU = Self.processCPU() - cpuBefore
        for lane in lanes { total.merge(lane.result) }
        if let failure = total.firstFailure, total.transactions == 0 { throw BenchError("load generator: \(failure)") }
        return total
    }

    static func now() -> Double { Double(DispatchTime.now().uptimeNanoseconds) / 1e9 }

    /// User + system CPU seconds of this process.
    static func processCPU() -> Double {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec)
            + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6
    }

    /// CPU seconds of the calling thread.
    static func threadCPU() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }

    /// One connection and the participants it speaks for. Touched by one thread at a time.
    private final class Lane: @unchecked Sendable {
        let port: UInt16
        let index: Int
        let participants: [Int]
        let tag: String
        let authorization: String
        var socket: BenchSocket?
        var result = Result()
        /// Indexes into `participants` of the active window, and each one's next flow step (0…3).
        private var active: [Int]
        private var steps: [Int]
        private var nextParticipant: Int
        /// Flows each participant started: the n-th logs the day ``daysAgo(participant:flow:)`` gives.
        private var flowsStarted: [Int: Int] = [:]
        private var cursor = 0
        private var sequence = 0
        private var random: SplitMix64

        init(port: UInt16, hsToken: String, index: Int, participants: [Int], seed: UInt64, tag: String) {
            self.port = port
            self.index = index
            self.participants = participants
            self.tag = tag
            self.authorization = "Bearer \(hsToken)"
            let window = min(participants.count, Self.window)
            self.active = Array(0..<window)
            self.steps = Array(repeating: 0, count: window)
            self.nextParticipant = window % max(participants.count, 1)
            self.random = SplitMix64(seed: seed)
        }

        /// Participants of a lane in the middle of a flow at once: their steps interleave, so every phase sends an
        /// even mix of the four messages; a participant who finished is replaced by the next one of the lane.
        static let window = 64

        static let topics = [
            "visa rules", "budget", "travel plans", "public procurement", "city twinning", "youth services",
            "mobility data", "grant reporting", "energy retrofit", "stakeholder map",
        ]
        static let durations = [30, 45, 60, 90, 120]

        /// The day a participant's flow logs, in days before today: a different one for each of a pair's first 58
        /// flows (the mentee, odd `n`, odd days; the mentor even ones), all inside the programme (60 days old): every
        /// flow is a first meeting on its day, never the "already in the log" variant of the confirmation.
        static func daysAgo(participant n: Int, flow: Int) -> Int {
            1 + 2 * (flow % 29) + (n % 2 == 0 ? 1 : 0)
        }

        /// Sends one transaction of `events` events (the next flow step of as many participants).
        func step(events: Int, scheduled: Double?) throws {
            guard let socket else { throw BenchError("no connection") }
            var body = #"{"events":["#
            var finishing = 0
            let count = min(events, active.count)
            for event in 0..<count {
                let slot = cursor
                cursor = (cursor + 1) % active.count
                let n = participants[active[slot]]
                let text: String
                switch steps[slot] {
                case 0:
                    let minutes = Self.durations[Int(random.next() % UInt64(Self.durations.count))]
                    let topic = Self.topics[Int(random.next() % UInt64(Self.topics.count))]
                    let flow = flowsStarted[n, default: 0]
                    flowsStarted[n] = flow + 1
                    text = "log \(Self.daysAgo(participant: n, flow: flow)) days ago \(minutes) min topics: \(topic)"
                case 3:
                    text = "yes"
                    finishing += 1
                default:
                    text = "skip"
                }
                steps[slot] = (steps[slot] + 1) % 4
                if steps[slot] == 0, participants.count > active.count {
                    active[slot] = nextParticipant
                    nextParticipant = (nextParticipant + 1) % participants.count
                }
                if event > 0 { body += "," }
                body += #"{"type":"m.room.message","event_id":"$\#(tag)-\#(index)-\#(sequence)-\#(event)","#
                    + #""sender":"@u\#(n):bench","room_id":"!r\#(n):bench","origin_server_ts":0,"#
                    + #""content":{"msgtype":"m.text","body":"\#(text)"}}"#
            }
            body += "]}"
            let payload = Array(body.utf8)
            let head = "PUT /_matrix/app/v1/transactions/\(tag)-\(index)-\(sequence) HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + "Authorization: \(authorization)\r\nContent-Type: application/json\r\n"
                + "Content-Length: \(payload.count)\r\n\r\n"
            sequence += 1
            let started = LoadGenerator.now()
            let status = try socket.exchange(Array(head.utf8) + payload)
            let finished = LoadGenerator.now()
            if status == 200 {
                result.transactions += 1
                result.events += count
                result.savedLogs += finishing
                result.latencies.append((finished - (scheduled ?? started)) * 1000)
            } else {
                result.failures += 1
                result.firstFailure = result.firstFailure ?? "HTTP \(status) for a transaction"
            }
        }
    }
}

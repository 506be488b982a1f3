import Foundation
import HTTP
import Synchronization

/// The benchmark's homeserver: our own ``HTTPServer`` answering the client-server calls Tandem makes
/// (`PUT …/send/…` → `{"event_id":"$x"}`, `POST …/join/…` → `{"room_id":…}`) at once, counting them, and noting
/// when each message's send txnId (`tandem-{outbox id}-{digest}`) first arrived and how often it came.
final class FakeHomeserver: Sendable {
    private let server: HTTPServer
    private let counts: Counts

    private final class Counts: Sendable {
        let sends = Atomic<Int>(0)
        let joins = Atomic<Int>(0)
        let broadcasts = Atomic<Int>(0)
        let arrivals = Mutex(Arrivals())
    }

    /// Message sends by txnId: the first arrival (epoch ms) and how many more times the same txnId came.
    struct Arrivals {
        var first: [String: Double] = [:]
        var repeats = 0
    }

    init() {
        let counts = Counts()
        self.counts = counts
        server = HTTPServer(configuration: HTTPServerConfiguration(host: "127.0.0.1", port: 0, maxConnections: 512)) {
            request in
            if request.method == "PUT", request.path.contains("/send/") {
                counts.sends.add(1, ordering: .relaxed)
                let arrived = Date().timeIntervalSince1970 * 1000
                let txnID = String(request.path.split(separator: "/").last ?? "")
                counts.arrivals.withLock { arrivals in
                    if arrivals.first[txnID] == nil { arrivals.first[txnID] = arrived } else { arrivals.repeats += 1 }
                }
                if request.path.contains("/rooms/%21b") { counts.broadcasts.add(1, ordering: .relaxed) }
                return .json(body: #"{"event_id":"$x"}"#)
            }
            if request.method == "POST", request.path.contains("/join/") {
                counts.joins.add(1, ordering: .relaxed)
                return .json(body: #"{"room_id":"!x:bench"}"#)
            }
            return .json(status: .notFound, body: #"{"errcode":"M_UNRECOGNIZED"}"#)
        }
    }

    /// Starts listening on an ephemeral port of 127.0.0.1; returns the homeserver's base URL.
    func start() throws -> String {
        let port = try server.start()
        return "http://127.0.0.1:\(port)"
    }

    /// Messages received so far.
    var sends: Int { counts.sends.load(ordering: .relaxed) }

    /// Messages received for broadcast rooms (`!b{n}:bench`).
    var broadcastSends: Int { counts.broadcasts.load(ordering: .relaxed) }

    /// The message sends noted since the last call, and forgets them.
    func takeArrivals() -> Arrivals {
        counts.arrivals.withLock { arrivals in
            defer { arrivals = Arrivals() }
            return arrivals
        }
    }

    func stop() {
        server.shutdown()
        server.waitUntilStopped()
    }
}

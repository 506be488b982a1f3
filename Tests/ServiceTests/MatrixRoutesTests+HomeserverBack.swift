import Channels
import Service
import Store
import Testing

/// After an outage, replies waiting out their backoff are retried as soon as the homeserver shows it is back —
/// it sends a transaction or pings — except those waiting out a rate limit.
extension MatrixRoutesTests {
    /// Queues a reply that failed with `error` and waits an hour for its retry; returns its id.
    func waitingRow(error: String) throws -> Int64 {
        try pipeline.database.write { connection in
            let outbox = OutboxRepository(connection)
            let id = try outbox.enqueue(conversationID: nil, channel: .matrix, address: "!dm", body: "hi", now: 0)
            try outbox.markFailed(id, error: error, retryAt: pipeline.clock.now() + 3_600_000)
            return id
        }
    }

    func nextAttempt(_ id: Int64) throws -> Int64 {
        try pipeline.database.read {
            try $0.query("SELECT next_attempt_at FROM outbox WHERE id = ?", [id]).first?.int64("next_attempt_at") ?? -1
        }
    }

    @Test func aTransactionFromTheHomeserverMakesWaitingRepliesDueAtOnce() throws {
        defer { server.shutdown() }
        let row = try waitingRow(error: "couldn't connect to server")
        #expect(try put("back1", #"{"events":[]}"#).status == 200)
        #expect(try nextAttempt(row) <= pipeline.clock.now())
    }

    @Test func aPingFromTheHomeserverMakesWaitingRepliesDueAtOnce() throws {
        defer { server.shutdown() }
        let row = try waitingRow(error: "HTTP 502")
        let ping = try client.send(HTTPClientRequest(
            method: "POST", url: base + "/_matrix/app/v1/ping", headers: [("Authorization", "Bearer \(Self.token)")],
            body: Array("{}".utf8)))
        #expect(ping.status == 200)
        #expect(try nextAttempt(row) <= pipeline.clock.now())
    }

    @Test func aReplyWaitingOutARateLimitKeepsWaiting() throws {
        defer { server.shutdown() }
        let row = try waitingRow(error: "429 rate limited")
        let before = try nextAttempt(row)
        #expect(try put("back2", #"{"events":[]}"#).status == 200)
        #expect(try nextAttempt(row) == before)
    }
}

import Channels
import Foundation
import HTTP
import Service
import Store
import Testing

/// The application-service endpoints over a real HTTP server on 127.0.0.1, backed by a real SQLite file.
struct MatrixRoutesTests {
    let pipeline: Pipeline
    let server: HTTPServer
    let base: String
    let client = HTTPClient()
    static let token = "hs-secret-token"

    init() throws {
        let runner = try TranscriptTests.runner()
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("tandem-routes-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        pipeline = Pipeline(
            database: try Database(path: folder.appendingPathComponent("t.sqlite").path),
            engine: .init(catalog: runner.catalog), templates: runner.templates)
        // Alice is known (not enrolled): a stranger's messages would be kept without their text.
        try pipeline.database.write { connection in
            _ = try ParticipantRepository(connection).create(
                name: "Alice", language: "en", timeZone: "UTC", channel: .matrix, address: "@alice:localhost", now: 0)
        }
        let routes = Routes(
            pipeline: pipeline, matrix: MatrixIngest(pipeline: pipeline, botUserID: "@tandem:localhost"),
            hsToken: Self.token, metrics: ServiceMetrics())
        var limits = HTTPLimits()
        limits.maxBodyBytes = { method, path in routes.maxBodyBytes(method: method, path: path) }
        server = HTTPServer(configuration: .init(port: 0, limits: limits), handler: routes.handle)
        base = "http://127.0.0.1:\(try server.start())"
    }

    func put(_ txn: String, _ body: String, token: String? = token, query: String = "") throws -> HTTPClientResponse {
        var headers: [(String, String)] = [("Content-Type", "application/json")]
        if let token { headers.append(("Authorization", "Bearer \(token)")) }
        return try client.send(HTTPClientRequest(
            method: "PUT", url: "\(base)/_matrix/app/v1/transactions/\(txn)\(query)", headers: headers,
            body: Array(body.utf8)))
    }

    func count(_ sql: String) throws -> Int {
        try pipeline.database.read { try $0.query(sql).first?.int("n") ?? -1 }
    }

    static let message = #"{"events":[{"type":"m.room.message","event_id":"$m1","sender":"@alice:localhost","#
        + #""room_id":"!dm","content":{"msgtype":"m.text","body":"hello"}}]}"#
    static let invite = #"{"events":[{"type":"m.room.member","event_id":"$i1","sender":"@alice:localhost","#
        + #""room_id":"!dm","state_key":"@tandem:localhost","content":{"membership":"invite","is_direct":true}}]}"#

    @Test func aTransactionIsStoredOnceEvenWhenRepeated() throws {
        defer { server.shutdown() }
        #expect(try put("t0", Self.invite).status == 200)
        let before = try count("SELECT COUNT(*) AS n FROM outbox")
        #expect(try put("t1", Self.message).status == 200)
        let replies = try count("SELECT COUNT(*) AS n FROM outbox")
        #expect(replies > before)
        #expect(replies > 0)
        #expect(try put("t1", Self.message).status == 200)
        #expect(try count("SELECT COUNT(*) AS n FROM inbound_messages") == 1)
        #expect(try count("SELECT COUNT(*) AS n FROM outbox") == replies)
    }

    @Test func anInviteQueuesAJoinThenAWelcome() throws {
        defer { server.shutdown() }
        #expect(try put("t2", Self.invite).status == 200)
        let kinds = try pipeline.database.read {
            try $0.query("SELECT kind, address FROM outbox ORDER BY id").map { "\($0.string("kind")) \($0.string("address"))" }
        }
        #expect(kinds == ["join !dm", "message !dm"])
    }

    @Test func groupRoomMessagesNeedThePrefix() throws {
        defer { server.shutdown() }
        #expect(try put("g1", Self.message).status == 200)  // "!dm" was never an invited direct chat
        #expect(try count("SELECT COUNT(*) AS n FROM inbound_messages") == 0)
        let addressed = Self.message.replacingOccurrences(of: "\"hello\"", with: "\"!tandem help\"")
            .replacingOccurrences(of: "$m1", with: "$m2")
        #expect(try put("g2", addressed).status == 200)
        #expect(try count("SELECT COUNT(*) AS n FROM inbound_messages WHERE body = 'help'") == 1)
    }

    @Test func tokensAreChecked() throws {
        defer { server.shutdown() }
        let wrong = try put("t3", Self.message, token: "nope")
        #expect(wrong.status == 403)
        #expect(JSONValue.parse(wrong.body)?["errcode"]?.string == "M_FORBIDDEN")
        #expect(try put("t3", Self.message, token: nil).status == 401)
        #expect(try put("t3", Self.message, token: nil, query: "?access_token=\(Self.token)").status == 200)
        #expect(try put("t4", Self.message, query: "?access_token=other").status == 403)
        #expect(try count("SELECT COUNT(*) AS n FROM matrix_transactions") == 1)
    }

    @Test func malformedBodiesAreRefusedAndNothingIsStored() throws {
        defer { server.shutdown() }
        let notJSON = try put("t5", "{nope")
        #expect(notJSON.status == 400)
        #expect(JSONValue.parse(notJSON.body)?["errcode"]?.string == "M_NOT_JSON")
        #expect(try put("t6", #"{"events":{}}"#).status == 400)
        #expect(try put("t7", "\u{FF}\u{FE}").status == 400)
        #expect(try count("SELECT COUNT(*) AS n FROM matrix_transactions") == 0)
    }

    @Test func otherEndpointsAnswerAsTheSpecSays() throws {
        defer { server.shutdown() }
        func send(_ method: String, _ path: String) throws -> Int {
            try client.send(HTTPClientRequest(
                method: method, url: base + path, headers: [("Authorization", "Bearer \(Self.token)")])).status
        }
        #expect(try send("POST", "/_matrix/app/v1/ping") == 200)
        #expect(try send("GET", "/_matrix/app/v1/users/@x:localhost") == 404)
        #expect(try send("GET", "/_matrix/app/v1/transactions/t8") == 405)
        #expect(try send("GET", "/_matrix/app/v1/unknown") == 404)
        #expect(try send("GET", "/healthz") == 200)
        let metrics = try client.send(HTTPClientRequest(url: base + "/metrics")).bodyText
        #expect(metrics.contains("tandem_http_requests_total{route=\"/healthz\",status=\"200\"} 1"))
        // Where the time goes (issue 17): the database's writes so far (the fixture's, the ping's look), timed.
        let writes = try #require(LatencyHistogram.parse("tandem_db_write_waiting_seconds", from: metrics))
        #expect(writes.count >= 1)
        #expect(LatencyHistogram.parse("tandem_db_write_batch_seconds", from: metrics)?.count == writes.count)
        #expect(LatencyHistogram.parse("tandem_http_request_seconds", from: metrics) != nil)
        #expect(metrics.contains("tandem_db_write_batches_total "))
    }

    @Test func anOversizedBodyIs413() throws {
        defer { server.shutdown() }
        let huge = String(repeating: "x", count: 17 << 20)
        #expect(try put("t9", huge).status == 413)
    }
}

extension MatrixRoutesTests {
    @Test func aFullDiskIsA503AndNothingIsAcknowledged() throws {
        defer { server.shutdown() }
        #expect(try put("d0", Self.invite).status == 200)
        try pipeline.database.read { connection in
            let pages = try connection.query("PRAGMA page_count").first?.int("page_count") ?? 0
            try connection.execute("PRAGMA max_page_count = \(pages)")
        }
        let big = Self.message.replacingOccurrences(of: "hello", with: String(repeating: "x", count: 200_000))
        let response = try put("d1", big)
        #expect(response.status == 503)
        #expect(try count("SELECT COUNT(*) AS n FROM matrix_transactions WHERE txn_id = 'd1'") == 0)
    }
}

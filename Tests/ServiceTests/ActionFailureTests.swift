import Channels
import Foundation
import HTTP
import Programme
import Service
import Store
import Testing

/// An action that fails at run time fails only its own message: over the real Matrix endpoint on 127.0.0.1, the
/// homeserver gets 200, the other events of the transaction commit, the person is told, and `/metrics` counts it.
struct ActionFailureTests {
    @Test func aFailingActionInAMatrixTransactionIsAnsweredAndCounted() throws {
        let runner = try TranscriptTests.runner()
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("tandem-fail-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        // No actions at all: "my data" (a flow for anyone) ends in an action that cannot run.
        let pipeline = Pipeline(
            database: try Database(path: folder.appendingPathComponent("t.sqlite").path),
            engine: .init(catalog: runner.catalog), templates: runner.templates, actions: ActionRegistry([]))
        // Alice is known (not enrolled): a stranger's messages would be kept without their text.
        try pipeline.database.write { connection in
            _ = try ParticipantRepository(connection).create(
                name: "Alice", language: "en", timeZone: "UTC", channel: .matrix, address: "@alice:localhost", now: 0)
        }
        let routes = Routes(
            pipeline: pipeline, matrix: MatrixIngest(pipeline: pipeline, botUserID: "@tandem:localhost"),
            hsToken: "token", metrics: pipeline.metrics)
        let server = HTTPServer(configuration: .init(port: 0), handler: routes.handle)
        let base = "http://127.0.0.1:\(try server.start())"
        defer { server.shutdown() }
        func put(_ txn: String, _ body: String) throws -> Int {
            try HTTPClient().send(HTTPClientRequest(
                method: "PUT", url: "\(base)/_matrix/app/v1/transactions/\(txn)",
                headers: [("Content-Type", "application/json"), ("Authorization", "Bearer token")],
                body: Array(body.utf8))).status
        }
        func event(_ id: String, _ text: String) -> String {
            #"{"type":"m.room.message","event_id":"\#(id)","sender":"@alice:localhost","room_id":"!dm","#
                + #""content":{"msgtype":"m.text","body":"\#(text)"}}"#
        }
        let invite = #"{"type":"m.room.member","event_id":"$i","sender":"@alice:localhost","room_id":"!dm","#
            + #""state_key":"@tandem:localhost","content":{"membership":"invite","is_direct":true}}"#
        #expect(try put("t0", #"{"events":[\#(invite)]}"#) == 200)

        #expect(try put("t1", #"{"events":[\#(event("$a", "my data")),\#(event("$b", "help"))]}"#) == 200)

        let bodies = try pipeline.database.read { connection in
            try connection.query("SELECT body FROM outbox WHERE kind = 'message' ORDER BY id").map { $0.string("body") }
        }
        let failed = runner.catalog.localizer.text("engine.failed", "en")
        #expect(bodies.contains(failed))
        #expect(bodies.last?.hasPrefix(runner.catalog.localizer.text("engine.menu", "en").prefix(12)) == true)
        let stored = try pipeline.database.read { try $0.query("SELECT COUNT(*) AS n FROM inbound_messages") }
        #expect(stored.first?.int("n") == 2)
        let metrics = try HTTPClient().send(HTTPClientRequest(url: base + "/metrics")).bodyText
        #expect(metrics.contains(#"tandem_action_failures_total{action="show_my_data"} 1"#))
    }
}

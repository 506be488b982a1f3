import Channels
import Foundation
import Service
import Store

/// A fresh SQLite file with the shipped dialogues, Tandem's Matrix ingest in front of it, and builders for the events
/// a homeserver sends. The bot is `@tandem:localhost`.
struct MatrixFixture {
    static let bot = "@tandem:localhost"
    let pipeline: Pipeline
    let ingest: MatrixIngest

    init() throws {
        let runner = try TranscriptTests.runner()
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("tandem-mx-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        pipeline = Pipeline(
            database: try Database(path: folder.appendingPathComponent("t.sqlite").path),
            engine: .init(catalog: runner.catalog), templates: runner.templates)
        ingest = MatrixIngest(pipeline: pipeline, botUserID: Self.bot)
        // Alice is known (not enrolled): a stranger's messages would be kept without their text.
        try pipeline.database.write { connection in
            _ = try ParticipantRepository(connection).create(
                name: "Alice", language: "en", timeZone: "UTC", channel: "matrix", address: "@alice:localhost", now: 0)
        }
    }

    var database: Database { pipeline.database }

    // MARK: - Events

    static func event(_ json: String) -> MatrixEvent {
        guard let value = JSONValue.parse(Array(json.utf8)), let event = MatrixEvent(value) else {
            fatalError("bad test event \(json)")
        }
        return event
    }

    /// An `m.text` message; `content` adds raw JSON members to its content.
    static func text(_ body: String, id: String, from sender: String = "@alice:localhost", room: String = "!dm",
                     content: String = "") -> MatrixEvent {
        let body = String(decoding: JSONValue.string(body).serialized, as: UTF8.self)
        let extra = content.isEmpty ? "" : "," + content
        return event(#"{"type":"m.room.message","event_id":"\#(id)","sender":"\#(sender)","room_id":"\#(room)","#
            + #""content":{"msgtype":"m.text","body":\#(body)\#(extra)}}"#)
    }

    /// The bot's invitation into `room`.
    static func invite(id: String, room: String = "!dm", from sender: String = "@alice:localhost", direct: Bool = true)
        -> MatrixEvent
    {
        event(#"{"type":"m.room.member","event_id":"\#(id)","sender":"\#(sender)","room_id":"\#(room)","#
            + #""state_key":"\#(bot)","content":{"membership":"invite","is_direct":\#(direct)}}"#)
    }

    /// A membership change of `user` in `room` (`join`, `leave`, `invite`, `ban`).
    static func member(_ user: String, _ membership: String, id: String, room: String = "!dm", sender: String? = nil)
        -> MatrixEvent
    {
        event(#"{"type":"m.room.member","event_id":"\#(id)","sender":"\#(sender ?? user)","room_id":"\#(room)","#
            + #""state_key":"\#(user)","content":{"membership":"\#(membership)"}}"#)
    }

    // MARK: - Looking at the database

    func count(_ sql: String, _ parameters: [any SQLBindable] = []) throws -> Int {
        try database.read { try $0.query(sql, parameters).first?.int("n") ?? -1 }
    }

    /// Queued outbox rows as `kind address: body`, oldest first.
    func outbox() throws -> [String] {
        try database.read {
            try $0.query("SELECT kind, address, body FROM outbox ORDER BY id").map {
                "\($0.string("kind")) \($0.string("address")): \($0.string("body"))"
            }
        }
    }
}

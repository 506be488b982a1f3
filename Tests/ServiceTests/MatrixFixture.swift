import Channels
import Engine
import Foundation
import Programme
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
                name: "Alice", language: "en", timeZone: "UTC", channel: .matrix, address: "@alice:localhost", now: 0)
        }
    }

    var database: Database { pipeline.database }

    // MARK: - People and rooms

    /// Enrols people from CSV lines (`name,role,pair,cohort,matrix_id,email`) in a programme that started two weeks
    /// ago.
    func enrol(_ lines: String, template: String = "city_to_city") throws {
        let csv = "name,role,pair,cohort,matrix_id,email\n" + lines
        let runner = try TranscriptTests.runner()
        let rows = try EnrolmentCSV.parse(csv, languages: ["en", "bg", "tr"], roles: Set(Role.allCases)).get()
        let start = Clock.localDate(Clock.system.now(), timeZone: "UTC").adding(days: -14)
        try database.write { connection in
            let importer = EnrolmentImporter(connection, templates: runner.templates)
            let (programme, _) = try importer.programme(
                .init(name: "Pilot", template: template, startDate: start, joinCode: "K7P-2QX"), now: 0)
            _ = try importer.apply(rows, to: programme, now: 0)
        }
    }

    /// `user` opens a direct chat `room` with the bot, which joins it (the homeserver lists them both).
    func directChat(_ user: String, room: String) throws {
        try inRoom(room, with: [user], direct: true)
    }

    /// `members[0]` invites the bot into `room`, where all `members` are; the bot joins.
    func inRoom(_ room: String, with members: [String], direct: Bool = false) throws {
        _ = try ingest.ingest(txnID: "invite-\(room)", events: [
            Self.invite(id: "$invite-\(room)", room: room, from: members[0], direct: direct),
        ])
        try database.write { connection in
            let rooms = MatrixRoomRepository(connection)
            try rooms.markJoined(room, now: 1)
            try rooms.replaceMembers(
                roomID: room, Dictionary(uniqueKeysWithValues: members.map { ($0, "join") }), now: 1)
        }
    }

    /// `user` says `text` in `room`; a fresh event ID each time.
    func say(_ text: String, as user: String, in room: String) throws {
        let id = "$\(UUID().uuidString)"
        _ = try ingest.ingest(txnID: id, events: [Self.text(text, id: id, from: user, room: room)])
    }

    /// Outbox rows queued after row `after`, as `address: body`.
    func queued(after: Int64 = 0) throws -> [(address: String, body: String)] {
        try database.read {
            try $0.query("SELECT address, body FROM outbox WHERE id > ? AND kind = 'message' ORDER BY id", [after])
                .map { ($0.string("address"), $0.string("body")) }
        }
    }

    /// The newest outbox row id (0 when none).
    func lastOutboxID() throws -> Int64 {
        try database.read { try $0.query("SELECT COALESCE(MAX(id), 0) AS n FROM outbox").first?.int64("n") ?? 0 }
    }

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

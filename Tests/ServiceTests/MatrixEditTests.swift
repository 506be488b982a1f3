import Channels
import Engine
import Foundation
import Service
import Store
import Testing

/// An edit (`m.replace`) of the last answer while its flow is still open replaces that answer; any other edit is
/// not applied, and the person is told so.
struct MatrixEditTests {
    let fixture: MatrixFixture
    let today = Clock.localDate(Clock.system.now(), timeZone: "UTC")

    init() throws {
        fixture = try MatrixFixture()
        try fixture.enrol("Ana,mentee,pa,North,@ana:localhost,\nBoris,mentor,pa,North,@boris:localhost,")
        try fixture.directChat("@ana:localhost", room: "!ana")
    }

    /// Ana says `text` in her direct chat as event `id`; returns the replies.
    @discardableResult
    func say(_ text: String, id: String) throws -> [String] {
        let before = try fixture.lastOutboxID()
        let event = MatrixFixture.text(text, id: id, from: "@ana:localhost", room: "!ana")
        _ = try fixture.ingest.ingest(txnID: UUID().uuidString, events: [event])
        return try fixture.queued(after: before).map(\.body)
    }

    /// Ana edits event `original` to say `text`; returns the replies.
    @discardableResult
    func edit(_ original: String, to text: String, id: String) throws -> [String] {
        let before = try fixture.lastOutboxID()
        let body = String(decoding: JSONValue.string(text).serialized, as: UTF8.self)
        let content = #""m.new_content":{"msgtype":"m.text","body":\#(body)},"#
            + #""m.relates_to":{"rel_type":"m.replace","event_id":"\#(original)"}"#
        _ = try fixture.ingest.ingest(txnID: UUID().uuidString, events: [MatrixFixture.text(
            "* " + text, id: id, from: "@ana:localhost", room: "!ana", content: content)])
        return try fixture.queued(after: before).map(\.body)
    }

    @Test func anEditOfTheLastAnswerReplacesIt() throws {
        try say("log", id: "$log")
        try say(today.adding(days: -1).iso, id: "$date")
        let replies = try edit("$date", to: today.adding(days: -2).iso, id: "$edit")
        #expect(replies == ["I've taken your edited answer instead of the first one.",
                            "What time did you start? (e.g. 14:30 or 2pm) (optional — say \"skip\")"])
        for (index, text) in ["skip", "45 min", "goals", "skip", "yes"].enumerated() { try say(text, id: "$\(index)") }
        let dates = try fixture.database.read {
            try $0.query("SELECT meeting_date FROM log_entries").map { $0.string("meeting_date") }
        }
        #expect(dates == [today.adding(days: -2).iso])
    }

    @Test func anEditOfAnEarlierAnswerIsNotApplied() throws {
        try say("log", id: "$log")
        try say(today.adding(days: -1).iso, id: "$date")
        try say("14:00", id: "$start")
        let replies = try edit("$date", to: today.adding(days: -2).iso, id: "$edit")
        #expect(replies == [
            "I can't apply an edit to that message, so nothing changed. Please send what you meant as a new message.",
        ])
        #expect(try say("cancel", id: "$cancel").first?.contains("logging a meeting") == true, "the flow is still open")
    }

    @Test func anEditAfterTheFlowEndedIsNotApplied() throws {
        try say("log", id: "$log")
        try say(today.adding(days: -1).iso, id: "$date")
        try say("cancel", id: "$cancel")
        let replies = try edit("$date", to: today.adding(days: -2).iso, id: "$edit")
        #expect(replies.first?.hasPrefix("I can't apply") == true)
    }

    @Test func aRepeatedEditIsAppliedOnce() throws {
        try say("log", id: "$log")
        try say(today.adding(days: -1).iso, id: "$date")
        try edit("$date", to: today.adding(days: -2).iso, id: "$edit")
        #expect(try edit("$date", to: today.adding(days: -2).iso, id: "$edit").isEmpty)
    }
}

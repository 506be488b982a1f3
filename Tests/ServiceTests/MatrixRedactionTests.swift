import Channels
import Foundation
import Service
import Store
import Testing

/// A message carrying an IBAN (the answer to a `secret` question) is redacted from the room once the IBAN is
/// sealed — or, where the bot may not redact, the person is asked to delete it — and its body is not kept.
struct MatrixRedactionTests {
    let fixture: MatrixFixture
    let homeserver: MatrixTestHomeserver
    static let iban = "BG80 BNBG 9661 1020 3456 78"

    init() throws {
        fixture = try MatrixFixture()
        homeserver = try MatrixTestHomeserver()
        try fixture.enrol("Ana,mentee,pa,North,@ana:localhost,")
        try fixture.directChat("@ana:localhost", room: "!ana")
    }

    func say(_ text: String, id: String) throws {
        _ = try fixture.ingest.ingest(txnID: UUID().uuidString, events: [
            MatrixFixture.text(text, id: id, from: "@ana:localhost", room: "!ana"),
        ])
    }

    /// The redaction rows queued: event ID → the row.
    func redactions() throws -> [String: OutboxMessage] {
        try fixture.database.read { connection in
            var rows: [String: OutboxMessage] = [:]
            for message in try OutboxRepository(connection).queued(channel: .matrix, address: "!ana") {
                if let redaction = try MatrixRedactionRepository(connection).redaction(outboxID: message.id) {
                    rows[redaction.eventID] = message
                }
            }
            return rows
        }
    }

    @Test func theMessageWithTheIBANIsRedactedOnceItIsSealed() throws {
        defer { homeserver.stop() }
        try say("bank details", id: "$ask")
        try say(Self.iban, id: "$iban")
        try say("Ana Petrova", id: "$holder")
        let queued = try redactions()
        #expect(Array(queued.keys) == ["$iban"])
        #expect(try fixture.count("SELECT COUNT(*) AS n FROM bank_details") == 1)
        #expect(try fixture.count("SELECT COUNT(*) AS n FROM inbound_messages WHERE body LIKE '%9661%'") == 0)
        let row = try #require(queued["$iban"])
        #expect(homeserver.transport(fixture.database).deliver(row) == .delivered)
        let redact = try #require(homeserver.requests("/redact/").first)
        #expect(redact.path.hasPrefix("/_matrix/client/v3/rooms/%21ana/redact/%24iban/"))
        #expect(homeserver.requests("/send/").isEmpty, "nothing to say once it is gone")
    }

    @Test func anIBANGivenWithTheCommandIsRedactedToo() throws {
        defer { homeserver.stop() }
        try say("iban " + Self.iban, id: "$iban")
        #expect(Array(try redactions().keys) == ["$iban"])
    }

    @Test func whereTheBotMayNotRedactThePersonIsAskedToDeleteIt() throws {
        defer { homeserver.stop() }
        homeserver.redactStatus.withLock { $0 = .forbidden }
        try say("iban " + Self.iban, id: "$iban")
        let row = try #require(try redactions()["$iban"])
        #expect(homeserver.transport(fixture.database).deliver(row) == .delivered)
        let notice = try #require(homeserver.requests("/send/").first)
        #expect(JSONValue.parse(notice.body)?["body"]?.string?.hasPrefix("Please delete your message") == true)
    }

    @Test func otherAnswersAreNotRedacted() throws {
        defer { homeserver.stop() }
        try say("log yesterday 45 min topics: budget", id: "$log")
        #expect(try redactions().isEmpty)
    }
}

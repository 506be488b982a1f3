import Channels
import Foundation
import Service
import Store
import Testing

/// Long input and long replies: a 35 KB message is quoted back as a short excerpt at most; a reply too large for one
/// Matrix event goes as several notices; an `M_TOO_LARGE` answer is retried in smaller parts, not left dead.
struct MatrixLongMessageTests {
    let fixture: MatrixFixture
    let homeserver: MatrixTestHomeserver

    init() throws {
        fixture = try MatrixFixture()
        homeserver = try MatrixTestHomeserver()
    }

    func deliver(_ body: String) throws -> DeliveryResult {
        let row = try fixture.database.write { connection in
            let outbox = OutboxRepository(connection)
            let id = try outbox.enqueue(conversationID: nil, channel: .matrix, address: "!dm", body: body, now: 1)
            return try #require(try outbox.queued(channel: .matrix, address: "!dm").first { $0.id == id })
        }
        return homeserver.transport(fixture.database).deliver(row)
    }

    /// The bodies of the notices the homeserver accepted, in order.
    var sentBodies: [String] {
        homeserver.requests("/send/").compactMap { JSONValue.parse($0.body)?["body"]?.string }
    }

    @Test func aThirtyFiveKilobyteMessageIsQuotedBackAsAnExcerptAtMost() throws {
        try fixture.enrol("Ana,mentee,pa,North,@ana:localhost,")
        try fixture.directChat("@ana:localhost", room: "!ana")
        let before = try fixture.lastOutboxID()
        let paste = String(repeating: "visa rules and budget lines ", count: 1_300)
        try fixture.say("log yesterday 45 min topics: " + paste, as: "@ana:localhost", in: "!ana")
        let replies = try fixture.queued(after: before)
        #expect(!replies.isEmpty)
        #expect(replies.allSatisfy { $0.body.utf8.count < 1_000 }, "\(replies.map { $0.body.utf8.count })")
        #expect(replies.contains { $0.body.contains("I couldn't use \"visa rules and budget lines") })
    }

    @Test func aReplyTooLargeForOneEventGoesAsSeveralNoticesThatEachFit() throws {
        defer { homeserver.stop() }
        let lines = (1...3_000).map { "• line \($0) of a very long list of meetings & <notes>" }
        #expect(try deliver(lines.joined(separator: "\n")) == .delivered)
        let sends = homeserver.requests("/send/")
        #expect(sends.count > 2)
        #expect(sends.allSatisfy { $0.body.count <= MatrixNoticeSplit.maxContentBytes })
        #expect(sentBodies.joined(separator: "\n") == lines.joined(separator: "\n"), "nothing lost, nothing doubled")
    }

    @Test func oneEnormousLineIsCutToo() throws {
        defer { homeserver.stop() }
        let text = String(repeating: "é<", count: 40_000)
        #expect(try deliver(text) == .delivered)
        #expect(homeserver.requests("/send/").allSatisfy { $0.body.count <= MatrixNoticeSplit.maxContentBytes })
        #expect(sentBodies.joined() == text)
    }

    @Test func aTooLargeAnswerIsRetriedInSmallerPartsNotLeftDead() throws {
        defer { homeserver.stop() }
        homeserver.sendAnswers.withLock { $0 = [.contentTooLarge] }
        let text = (1...800).map { "line \($0): the homeserver has a lower limit than ours" }.joined(separator: "\n")
        #expect(try deliver(text) == .delivered)
        #expect(sentBodies.dropFirst().joined(separator: "\n") == text, "the refused whole, then its parts")
        let txns = homeserver.requests("/send/").map { $0.path.split(separator: "/").last.map(String.init) ?? "" }
        #expect(Set(txns).count == txns.count, "every part has its own txnId")
    }

    @Test func aShortReplyKeepsTheRowsTxnID() throws {
        defer { homeserver.stop() }
        #expect(try deliver("Saved.") == .delivered)
        let txnID = MatrixTransport.transactionBase(id: 1, address: "!dm", body: "Saved.")
        #expect(homeserver.requests("/send/").map { $0.path.hasSuffix("/send/m.room.message/\(txnID)") } == [true])
    }

    /// After a restore that lost the newest rows, their ids come again with other replies: the homeserver must not
    /// take those for the events it already has.
    @Test func aRowIDUsedAgainForAnotherReplyIsAnotherTransaction() {
        let delivered = MatrixTransport.transactionBase(id: 7, address: "!a:example.org", body: "Saved.")
        #expect(delivered.hasPrefix("tandem-7-"))
        #expect(delivered == MatrixTransport.transactionBase(id: 7, address: "!a:example.org", body: "Saved."))
        #expect(delivered != MatrixTransport.transactionBase(id: 7, address: "!a:example.org", body: "Saved!"))
        #expect(delivered != MatrixTransport.transactionBase(id: 7, address: "!b:example.org", body: "Saved."))
    }
}

import Channels
import Service
import Testing

/// What makes a Matrix transaction or event a repeat: event IDs, which never repeat; the txnId only as a shortcut
/// for a re-sent transaction (Synapse numbers transactions from 1 again after a restart with nothing pending).
struct MatrixDeduplicationTests {
    let fixture: MatrixFixture
    init() throws { fixture = try MatrixFixture() }

    @Test func aResentTransactionIsAnsweredAtOnceAndChangesNothing() throws {
        let events = [MatrixFixture.invite(id: "$i"), MatrixFixture.text("help", id: "$m")]
        #expect(try fixture.ingest.ingest(txnID: "1", events: events) == .stored(messages: 1))
        let outbox = try fixture.outbox()
        #expect(try fixture.ingest.ingest(txnID: "1", events: events) == .duplicate)
        #expect(try fixture.outbox() == outbox)
    }

    @Test func aReusedTxnIDWithNewEventsIsProcessed() throws {
        _ = try fixture.ingest.ingest(txnID: "1", events: [MatrixFixture.invite(id: "$i")])
        _ = try fixture.ingest.ingest(txnID: "2", events: [MatrixFixture.text("help", id: "$before")])
        // The homeserver restarted and numbers from 1 again.
        #expect(try fixture.ingest.ingest(txnID: "1", events: [MatrixFixture.text("help", id: "$after")])
            == .stored(messages: 1))
        #expect(try fixture.count("SELECT COUNT(*) AS n FROM inbound_messages WHERE external_id = '$after'") == 1)
        #expect(try fixture.count("SELECT COUNT(*) AS n FROM outbox WHERE kind = 'message'") == 3)
    }

    @Test func aReusedTxnIDIsARepeatOnlyWithTheEventsItCarriedLast() throws {
        let first = [MatrixFixture.text("help", id: "$a")]
        let second = [MatrixFixture.text("help", id: "$b")]
        _ = try fixture.ingest.ingest(txnID: "0", events: [MatrixFixture.invite(id: "$i")])
        #expect(try fixture.ingest.ingest(txnID: "1", events: first) == .stored(messages: 1))
        #expect(try fixture.ingest.ingest(txnID: "1", events: second) == .stored(messages: 1))
        let outbox = try fixture.outbox()
        #expect(try fixture.ingest.ingest(txnID: "1", events: second) == .duplicate)
        // The first events again: not the txnId's last use, so looked at event by event (and applied once).
        #expect(try fixture.ingest.ingest(txnID: "1", events: first) == .stored(messages: 0))
        #expect(try fixture.ingest.ingest(txnID: "1", events: first) == .duplicate)
        #expect(try fixture.outbox() == outbox)
    }

    @Test func anInviteUnderAReusedTxnIDIsJoined() throws {
        _ = try fixture.ingest.ingest(txnID: "1", events: [MatrixFixture.invite(id: "$i1", room: "!a")])
        _ = try fixture.ingest.ingest(txnID: "1", events: [MatrixFixture.invite(id: "$i2", room: "!b")])
        let joins = try fixture.outbox().filter { $0.hasPrefix("join") }
        #expect(joins == ["join !a: ", "join !b: "])
    }

    @Test func aKnownEventUnderAnotherTxnIDIsAppliedOnce() throws {
        _ = try fixture.ingest.ingest(txnID: "1", events: [MatrixFixture.invite(id: "$i"), MatrixFixture.text("help", id: "$m")])
        let outbox = try fixture.outbox()
        #expect(try fixture.ingest.ingest(txnID: "9", events: [MatrixFixture.invite(id: "$i"), MatrixFixture.text("help", id: "$m")])
            == .stored(messages: 0))
        #expect(try fixture.outbox() == outbox)
    }

    @Test func aReusedTxnIDMixingOldAndNewEventsProcessesOnlyTheNew() throws {
        _ = try fixture.ingest.ingest(txnID: "1", events: [MatrixFixture.invite(id: "$i"), MatrixFixture.text("help", id: "$m1")])
        let before = try fixture.outbox().count
        #expect(try fixture.ingest.ingest(txnID: "1", events: [MatrixFixture.text("help", id: "$m1"),
                                                               MatrixFixture.text("help", id: "$m2")])
            == .stored(messages: 1))
        #expect(try fixture.outbox().count == before + 1)
    }

    @Test func aReinviteIntoAKnownRoomIsJoinedWithoutASecondWelcome() throws {
        _ = try fixture.ingest.ingest(txnID: "1", events: [MatrixFixture.invite(id: "$i1")])
        _ = try fixture.ingest.ingest(txnID: "2", events: [MatrixFixture.invite(id: "$i2")])
        let rows = try fixture.outbox()
        #expect(rows.filter { $0.hasPrefix("join") }.count == 2)
        #expect(rows.filter { $0.hasPrefix("message") }.count == 1)
    }
}

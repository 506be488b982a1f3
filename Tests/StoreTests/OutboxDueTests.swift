import Foundation
import Testing
@testable import Store

/// Which queued rows the outbox worker may send next (`OutboxRepository.due`).
struct OutboxDueTests {
    /// Rows on their way already are passed over, and a later row of the same address still waits behind its
    /// older one: one room gets its messages in order whatever is in flight (issue 17).
    @Test func rowsOnTheirWayArePassedOverAndTheirAddressStillWaits() throws {
        let database = try Database(path: ":memory:")
        let (first, _, other, third) = try database.write { connection in
            let outbox = OutboxRepository(connection)
            func queue(_ address: String) throws -> Int64 {
                try outbox.enqueue(conversationID: nil, channel: .matrix, address: address, body: "hi", now: 1)
            }
            return (try queue("!a:hs"), try queue("!a:hs"), try queue("!b:hs"), try queue("!c:hs"))
        }
        let due = { (excluding: Set<Int64>, limit: Int) in
            try database.read {
                try OutboxRepository($0).due(channel: .matrix, now: 5, limit: limit, excluding: excluding).map(\.id)
            }
        }
        #expect(try due([], 10) == [first, other, third])
        #expect(try due([first], 10) == [other, third])
        #expect(try due([first, other], 1) == [third])
        #expect(try due([first, other, third], 10) == [])
    }

    /// A row standing for a redaction says so, so the Matrix transport reads the redaction for it and for no other.
    @Test func aRedactionRowSaysSo() throws {
        let database = try Database(path: ":memory:")
        try database.write { connection in
            try OutboxRepository(connection).enqueue(
                conversationID: nil, channel: .matrix, address: "!a:hs", body: "hi", now: 1)
            try MatrixRedactionRepository(connection).enqueue(
                "$e", in: "!b:hs", reason: "private", fallback: "please delete it", now: 1)
        }
        let due = try database.read { try OutboxRepository($0).due(channel: .matrix, now: 5) }
        #expect(due.map(\.address) == ["!a:hs", "!b:hs"])
        #expect(due.map(\.isRedaction) == [false, true])
    }
}

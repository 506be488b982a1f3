import CSQLite
import Foundation
import Testing
@testable import Store

/// The SQLite wrapper on a real file: settings, migrations, transactions, typed errors.
struct DatabaseTests {
    let folder: URL

    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("tandem-store-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    func path(_ name: String = "t.sqlite") -> String { folder.appendingPathComponent(name).path }

    @Test func opensInWALModeWithForeignKeysOn() throws {
        let database = try Database(path: path())
        let mode = try database.read { try $0.query("PRAGMA journal_mode").first?.string("journal_mode") }
        let foreignKeys = try database.read { try $0.query("PRAGMA foreign_keys").first?.int("foreign_keys") }
        let synchronous = try database.read { try $0.query("PRAGMA synchronous").first?.int("synchronous") }
        #expect(mode == "wal")
        #expect(foreignKeys == 1)
        #expect(synchronous == 2)  // FULL
    }

    @Test func migrationsAreRecordedAndNotReapplied() throws {
        _ = try Database(path: path())
        let again = try Database(path: path())
        let versions = try again.read { try $0.query("SELECT version FROM schema_migrations").map { $0.int("version") } }
        #expect(versions == Schema.migrations.map(\.version))
    }

    @Test func matrixTransactionsMoveToATableWithoutRowidWithEveryRowKept() throws {
        let connection = try Connection(path: path())
        try Migrator(migrations: Schema.migrations.filter { $0.version != 112 }).migrate(connection)
        try connection.run("""
            INSERT INTO matrix_transactions (txn_id, events, received_at, events_hash)
            VALUES ('t1', 1, 10, 'h1'), ('t2', 3, 20, NULL)
            """)
        try Migrator(migrations: Schema.migrations).migrate(connection)
        let rows = try connection.query("SELECT txn_id, events, received_at, events_hash FROM matrix_transactions")
            .map { "\($0.string("txn_id")) \($0.int("events")) \($0.int("received_at")) \($0.string("events_hash"))" }
        #expect(rows == ["t1 1 10 h1", "t2 3 20 "])
        #expect(throws: StoreError.self) { try connection.query("SELECT rowid FROM matrix_transactions") }
        #expect(try MatrixRepository(connection).isRepeat("t1", eventsHash: "h1"))
        #expect(throws: StoreError.self) {
            try connection.run("INSERT INTO matrix_transactions (txn_id, events, received_at) VALUES ('t1', 1, 1)")
        }
    }

    @Test func aFailingMigrationChangesNothingAndSaysWhich() throws {
        let broken = Migration(version: 1, name: "broken", sql: "CREATE TABLE a (x); CREATE TABLE a (x);")
        #expect {
            _ = try Database(path: path(), migrations: [broken])
        } throws: { error in
            (error as? StoreError)?.message.hasPrefix("migration 1 broken:") == true
        }
        let connection = try Connection(path: path())
        #expect(try connection.query("SELECT name FROM sqlite_master WHERE name = 'a'").isEmpty)
    }

    @Test func aDatabaseFromANewerVersionIsRefused() throws {
        _ = try Database(path: path(), migrations: [Migration(version: 7, name: "future", sql: "CREATE TABLE f (x)")])
        #expect(throws: StoreError.self) { _ = try Database(path: path(), migrations: Schema.migrations) }
    }

    @Test func aConcurrentReadSeesWhatIsCommittedWithoutWaitingForAWriteInProgress() throws {
        let database = try Database(path: path())
        try database.write { try $0.run("INSERT INTO participants (name, created_at) VALUES ('committed', 1)") }
        let writing = DispatchSemaphore(value: 0)
        let release = DispatchSemaphore(value: 0)
        DispatchQueue.global().async {
            try? database.write { connection in
                try connection.run("INSERT INTO participants (name, created_at) VALUES ('in progress', 2)")
                writing.signal()
                _ = release.wait(timeout: .now() + 20)  // a read that waited for this write would see it
            }
        }
        writing.wait()
        let names = try database.readConcurrently {
            try $0.query("SELECT name FROM participants").map { $0.string("name") }
        }
        release.signal()
        #expect(names == ["committed"])
        let after = try database.write { try $0.query("SELECT COUNT(*) AS n FROM participants").first?.int("n") }
        #expect(after == 2)
    }

    @Test func concurrentReadersDoNotWaitForEachOther() throws {
        let database = try Database(path: path())
        try database.write { try $0.run("INSERT INTO participants (name, created_at) VALUES ('committed', 1)") }
        let inside = DispatchSemaphore(value: 0)
        let release = DispatchSemaphore(value: 0)
        DispatchQueue.global().async {
            try? database.readConcurrently { _ in
                inside.signal()
                _ = release.wait(timeout: .now() + 20)  // a second reader that waited for this one would wait here
            }
        }
        inside.wait()
        let names = try database.readConcurrently {
            try $0.query("SELECT name FROM participants").map { $0.string("name") }
        }
        release.signal()
        #expect(names == ["committed"])
    }

    /// Sent rows are indexed for email's hourly limit only: a delivered Matrix reply writes no index page for it.
    @Test func onlySentEmailIsIndexedAndTheLimitQueryUsesIt() throws {
        let database = try Database(path: path())
        let plan = try database.read { connection in
            try connection.query("""
                EXPLAIN QUERY PLAN SELECT COUNT(*) AS n, MIN(sent_at) AS oldest FROM outbox
                WHERE channel = 'email' AND address = ? AND status = 'sent' AND sent_at > ?
                """, ["a@example.org", 0]).map { $0.string("detail") }.joined(separator: "\n")
        }
        #expect(plan.contains("USING INDEX outbox_sent_email"))
        let indexes = try database.read { connection in
            try connection.query("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'outbox'")
                .map { $0.string("name") }
        }
        #expect(!indexes.contains("outbox_sent"))
        try database.write { connection in
            let outbox = OutboxRepository(connection)
            let matrix = try outbox.enqueue(conversationID: nil, channel: .matrix, address: "!r:hs", body: "hi", now: 1)
            let email = try outbox.enqueue(conversationID: nil, channel: .email, address: "a@example.org", body: "hi", now: 1)
            try outbox.markSent([matrix, email], now: 2)
        }
        let sent = try database.read { try EmailRepository($0).sent(address: "a@example.org", since: 0) }
        #expect(sent.count == 1 && sent.oldest == 2)
    }

    /// The delivery indexes hold queued rows only: marking a reply sent (or dead) takes its entries out instead of
    /// moving them, and the worker's looks still read the rows through those indexes.
    @Test func onlyQueuedRowsAreInTheDeliveryIndexes() throws {
        let database = try Database(path: path())
        func entries() throws -> [String: Int] {
            try database.read { connection in
                var counts = ["outbox_queue": 0, "outbox_address": 0]
                for row in try connection.query("""
                    SELECT name, SUM(ncell) AS n FROM dbstat
                    WHERE name IN ('outbox_queue', 'outbox_address') AND pagetype = 'leaf' GROUP BY name
                    """) { counts[row.string("name")] = row.int("n") }
                return counts
            }
        }
        let ids = try database.write { connection in
            let outbox = OutboxRepository(connection)
            return try (1...4).map { room in
                try outbox.enqueue(conversationID: nil, channel: .matrix, address: "!r\(room):hs", body: "hi", now: 1)
            }
        }
        #expect(try entries() == ["outbox_queue": 4, "outbox_address": 4])
        try database.write { connection in
            let outbox = OutboxRepository(connection)
            try outbox.markSent([ids[0], ids[1]], now: 2)
            try outbox.markDead(ids[2], error: "M_FORBIDDEN (403)")
        }
        #expect(try entries() == ["outbox_queue": 1, "outbox_address": 1])
        let due = try database.read { try OutboxRepository($0).due(channel: .matrix, now: 3) }
        #expect(due.map(\.id) == [ids[3]])
        let plans = try database.read { connection in
            try [
                """
                SELECT id FROM outbox AS o WHERE channel = 'matrix' AND status = 'queued' AND next_attempt_at <= 3
                  AND NOT EXISTS (SELECT 1 FROM outbox AS p
                    WHERE p.channel = o.channel AND p.address = o.address AND p.status = 'queued' AND p.id < o.id)
                ORDER BY next_attempt_at, id LIMIT 12
                """,
                "SELECT MIN(next_attempt_at) AS t FROM outbox WHERE channel = 'matrix' AND status = 'queued'",
            ].map { sql in
                try connection.query("EXPLAIN QUERY PLAN " + sql).map { $0.string("detail") }.joined(separator: "\n")
            }
        }
        #expect(plans[0].contains("INDEX outbox_queue") && plans[0].contains("INDEX outbox_address"))
        #expect(!plans[0].contains("TEMP B-TREE"))
        #expect(plans[1].contains("INDEX outbox_queue"))
    }

    /// SQLite counts none of its allocations (each count took a global mutex): the setting made before the first
    /// connection opened holds, so the library reports no memory in use however much it holds.
    @Test func sqliteKeepsNoStatisticsOfItsAllocations() throws {
        let database = try Database(path: path())
        try database.write { try $0.run("INSERT INTO participants (name, created_at) VALUES ('someone', 1)") }
        #expect(sqlite3_memory_used() == 0)
        #expect(sqlite3_memory_highwater(0) == 0)
    }

    /// Savepoint journals and sorts stay in memory: no temporary file under load, none holding a participant's words.
    @Test func temporaryStorageIsInMemory() throws {
        let database = try Database(path: path())
        let store = try database.read { try $0.query("PRAGMA temp_store").first?.int("temp_store") }
        #expect(store == 2)  // MEMORY
    }

    @Test func aThrowingTransactionRollsEverythingBack() throws {
        let database = try Database(path: path())
        struct Boom: Error {}
        #expect(throws: Boom.self) {
            try database.write { connection in
                try connection.run("INSERT INTO participants (name, created_at) VALUES (?, ?)", ["x", 1])
                throw Boom()
            }
        }
        #expect(try database.read { try $0.query("SELECT * FROM participants") }.isEmpty)
    }

    @Test func parametersAreBoundNeverSpliced() throws {
        let database = try Database(path: path())
        let hostile = "Robert'); DROP TABLE participants;--"
        try database.write { connection in
            try connection.run("INSERT INTO participants (name, created_at) VALUES (?, ?)", [hostile, 1])
        }
        let names = try database.read { try $0.query("SELECT name FROM participants").map { $0.string("name") } }
        #expect(names == [hostile])
    }

    @Test func constraintViolationsAreTypedErrors() throws {
        let database = try Database(path: path())
        #expect {
            try database.write { connection in
                try connection.run(
                    "INSERT INTO addresses (channel, address, participant_id) VALUES (?, ?, ?)", ["console", "a", 999])
            }
        } throws: { error in
            guard let error = error as? StoreError else { return false }
            return error.isConstraintViolation && error.operation == "step" && error.sql?.contains("addresses") == true
        }
    }

    @Test func syntaxErrorsNameTheSQL() throws {
        let database = try Database(path: path())
        #expect {
            try database.read { try $0.query("SELEC nothing") }
        } throws: { error in
            (error as? StoreError)?.operation == "prepare"
        }
    }

    @Test func wrongArgumentCountIsAnError() throws {
        let database = try Database(path: path())
        #expect(throws: StoreError.self) { try database.read { try $0.query("SELECT ? AS a", []) } }
    }

    @Test func valuesRoundTripWithTheirTypes() throws {
        let database = try Database(path: path())
        let row = try database.read { connection in
            try connection.query(
                "SELECT ? AS i, ? AS t, ? AS b, ? AS n, ? AS r", [Int64.max, "héllo ✓", [UInt8]([0, 1, 255]), Int?.none, 1.5]
            ).first
        }
        #expect(row?.int64("i") == Int64.max)
        #expect(row?.string("t") == "héllo ✓")
        #expect(row?.blob("b") == [0, 1, 255])
        #expect(row?.optionalString("n") == nil)
        #expect(row?["r"] == .real(1.5))
    }

    @Test func inboundMessagesAreRecordedOnce() throws {
        let database = try Database(path: path())
        let first = try database.write { try InboundRepository($0).record(
            channel: .matrix, externalID: "$e1", sender: "@a:x", body: "hi", receivedAt: 1) }
        let second = try database.write { try InboundRepository($0).record(
            channel: .matrix, externalID: "$e1", sender: "@a:x", body: "hi", receivedAt: 2) }
        #expect(first != nil)
        #expect(second == nil)
    }
}

extension DatabaseTests {
    @Test func aMigrationAddedBelowTheHighestAppliedOneStillRuns() throws {
        let one = Migration(version: 1, name: "a", sql: "CREATE TABLE a (x)")
        let thirty = Migration(version: 30, name: "c", sql: "CREATE TABLE c (x)")
        _ = try Database(path: path(), migrations: [one, thirty])
        let twenty = Migration(version: 20, name: "b", sql: "CREATE TABLE b (x)")
        let database = try Database(path: path(), migrations: [one, thirty, twenty])
        let tables = try database.read { try $0.query("SELECT name FROM sqlite_master WHERE name IN ('a','b','c')").count }
        #expect(tables == 3)
    }
}

extension DatabaseTests {
    @Test func textWithNULIsStoredWhole() throws {
        let database = try Database(path: path())
        let text = "before\u{0}after ✓"
        let row = try database.read { try $0.query("SELECT ? AS t, length(CAST(? AS BLOB)) AS n", [text, text]).first }
        #expect(row?.string("t") == text)
        #expect(row?.int("n") == text.utf8.count)
        #expect(try database.read { try $0.query("SELECT ? AS t", [""]).first?.string("t") } == "")
    }
}

import Foundation
import Synchronization
import Testing
@testable import Store

/// Writes committed together: each still all or nothing, each caller told the truth about its own write.
struct GroupCommitTests {
    struct Refused: Error {}

    let database: Database

    init() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("tandem-group-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        database = try Database(path: folder.appendingPathComponent("t.sqlite").path)
        try database.write { try $0.execute("CREATE TABLE notes (writer INTEGER NOT NULL, body TEXT NOT NULL)") }
    }

    func insert(_ writer: Int, _ body: String = "x") -> GroupCommit.Write {
        GroupCommit.Write { try $0.run("INSERT INTO notes (writer, body) VALUES (?, ?)", [writer, body]) }
    }

    func writers() throws -> [Int] {
        try database.read { try $0.query("SELECT writer FROM notes ORDER BY writer").map { $0.int("writer") } }
    }

    func runAlone(_ batch: [GroupCommit.Write]) throws {
        try database.read { connection in GroupCommit.run(batch, on: connection) }
    }

    @Test func everyWriteIsTimedAndSharedBatchesAreCounted() throws {
        let before = database.writeTimings
        DispatchQueue.concurrentPerform(iterations: 40) { writer in
            try? database.write { try $0.run("INSERT INTO notes (writer, body) VALUES (?, 'x')", [writer]) }
        }
        let after = database.writeTimings
        #expect(after.waiting.since(before.waiting).count == 40)
        #expect(after.batch.since(before.batch).count == 40)
        let batches = after.batches - before.batches
        #expect(batches >= 1 && batches <= 40)
        #expect(after.batch.sum > before.batch.sum)
    }

    #if os(Linux)
    /// The thread running a batch is in the normal scheduling class while it runs, and back in the background
    /// class after; a thread that was never put in the background is left as it is.
    @Test func theLeaderRunsInTheNormalClassAndGoesBack() throws {
        let seen = Mutex<[Int32]>([])
        let thread = Thread {
            WriterScheduling.backgroundThreads()
            seen.withLock { $0.append(sched_getscheduler(0)) }
            WriterScheduling.leading { seen.withLock { $0.append(sched_getscheduler(0)) } }
            seen.withLock { $0.append(sched_getscheduler(0)) }
        }
        thread.start()
        let deadline = Date().addingTimeInterval(10)
        while seen.withLock({ $0.count }) < 3, Date() < deadline { usleep(1_000) }
        #expect(seen.withLock { $0 } == [3, SCHED_OTHER, 3])  // 3: SCHED_BATCH
        var normal: [Int32] = []
        WriterScheduling.leading { normal.append(sched_getscheduler(0)) }
        #expect(normal == [SCHED_OTHER])
        #expect(sched_getscheduler(0) == SCHED_OTHER)
    }
    #endif

    @Test func aFailingWriteUndoesOnlyItselfAndTheOthersCommit() throws {
        let failing = GroupCommit.Write { connection in
            try connection.run("INSERT INTO notes (writer, body) VALUES (2, 'half done')")
            throw Refused()
        }
        let batch = [insert(1), failing, insert(3)]
        try runAlone(batch)
        #expect(batch.map { $0.error == nil } == [true, false, true])
        #expect(try writers() == [1, 3])
    }

    @Test func aWriteThatBreaksAConstraintFailsAlone() throws {
        let batch = [insert(1), GroupCommit.Write { try $0.run("INSERT INTO notes (writer) VALUES (2)") }, insert(3)]
        try runAlone(batch)
        #expect((batch[1].error as? StoreError)?.isConstraintViolation == true)
        #expect(try writers() == [1, 3])
    }

    @Test func aFullDiskNeverReportsALostWriteAsStored() throws {
        try database.read { connection in
            let pages = try connection.query("PRAGMA page_count").first?.int("page_count") ?? 0
            try connection.execute("PRAGMA max_page_count = \(pages + 1)")
        }
        let batch = [insert(1), insert(2, String(repeating: "x", count: 200_000)), insert(3)]
        try runAlone(batch)
        #expect((batch[1].error as? StoreError)?.isStorageUnavailable == true)
        let stored = Set(try writers())
        for (offset, write) in batch.enumerated() {
            #expect(stored.contains(offset + 1) == (write.error == nil))
        }
    }

    @Test func concurrentWritesEachReturnTheirOwnResultAfterCommitting() throws {
        let threads = 8
        let perThread = 40
        let results = Mutex<[Int: [Int64]]>([:])
        DispatchQueue.concurrentPerform(iterations: threads) { thread in
            var mine: [Int64] = []
            for index in 0..<perThread {
                let writer = thread * 1_000 + index
                let id = try? database.write { connection in
                    try connection.run("INSERT INTO notes (writer, body) VALUES (?, 'x')", [writer])
                    return connection.lastInsertRowID
                }
                mine.append(id ?? -1)
            }
            results.withLock { $0[thread] = mine }
        }
        let all = results.withLock { $0 }
        #expect(all.values.flatMap { $0 }.count == threads * perThread)
        #expect(Set(all.values.flatMap { $0 }).count == threads * perThread)
        for (thread, ids) in all {
            for (index, id) in ids.enumerated() {
                let writer = try database.read {
                    try $0.query("SELECT writer FROM notes WHERE rowid = ?", [id]).first?.int("writer")
                }
                #expect(writer == thread * 1_000 + index)
            }
        }
    }

    @Test func aThrowingWriteChangesNothingAndRethrows() throws {
        #expect(throws: Refused.self) {
            try database.write { connection in
                try connection.run("INSERT INTO notes (writer, body) VALUES (1, 'x')")
                throw Refused()
            }
        }
        #expect(try writers().isEmpty)
    }
}

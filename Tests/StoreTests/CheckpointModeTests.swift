import Foundation
import Testing
@testable import Store

/// `database.checkpoint = litestream`: Tandem's connections never checkpoint the WAL, so a replicator copies every
/// frame first; by default a thread of the database's own checkpoints it, never a write (issue 17).
struct CheckpointModeTests {
    let folder: URL

    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("tandem-checkpoint-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    var path: String { folder.appendingPathComponent("t.sqlite").path }

    func size(_ file: String) -> Int {
        ((try? FileManager.default.attributesOfItem(atPath: file))?[.size] as? NSNumber)?.intValue ?? -1
    }

    /// Writes about 8 MB (2,000 pages of 4 KiB, twice SQLite's automatic checkpoint threshold) in 200 commits.
    func fill(_ database: Database) throws {
        for _ in 0..<200 {
            try database.write { connection in
                for _ in 0..<10 {
                    try connection.run("INSERT INTO notes (body) VALUES (?)", [[UInt8](repeating: 7, count: 4000)])
                }
            }
        }
    }

    /// The limits these tests write past: a service's are larger (a 64 MB log between restarts), which would make
    /// every test here write hundreds of megabytes.
    static let limits = Checkpointer.Limits(threshold: 1_000, limit: 4_000, ceiling: 6_000)

    func open(_ mode: CheckpointMode) throws -> Database {
        try Database(
            path: path, synchronous: .full, checkpoint: mode,
            migrations: [Migration(version: 1, name: "notes", sql: "CREATE TABLE notes (body BLOB)")],
            checkpointLimits: Self.limits)
    }

    @Test func withLitestreamTheDatabaseFileGrowsOnlyThroughSomeoneElsesCheckpoint() throws {
        let database = try open(.litestream)
        let before = size(path)
        try fill(database)
        #expect(size(path) == before)
        #expect(size(path + "-wal") > 8_000_000)
        let automatic = try database.read { try $0.query("PRAGMA wal_autocheckpoint").first?.int("wal_autocheckpoint") }
        #expect(automatic == 0)
    }

    @Test func withLitestreamClosingLeavesTheWALForTheReplicator() throws {
        try fill(try open(.litestream))
        #expect(size(path + "-wal") > 8_000_000)
    }

    /// Waits (at most 20 s: the whole suite runs in parallel) until `condition` holds; whether it did.
    func eventually(_ condition: () -> Bool) -> Bool {
        let deadline = Date().addingTimeInterval(20)
        while !condition(), Date() < deadline { usleep(10_000) }
        return condition()
    }

    @Test func bySQLiteTheWALIsCheckpointedAsItGrowsAndOnClose() throws {
        do {
            let database = try open(.sqlite)
            try fill(database)
            #expect(eventually { size(path) > 4_000_000 })
        }
        #expect(!FileManager.default.fileExists(atPath: path + "-wal"))
        #expect(size(path) > 8_000_000)
    }

    @Test func bySQLiteNoWriteCheckpointsItself() throws {
        let database = try open(.sqlite)
        let automatic = try database.read { try $0.query("PRAGMA wal_autocheckpoint").first?.int("wal_autocheckpoint") }
        #expect(automatic == 0)
    }

    @Test func atTheCeilingTheWriterCheckpointsItselfWhateverTheThreadDoes() {
        let checkpointer = Checkpointer(path: path, synchronous: .normal, exclusive: { $0() })
        defer { checkpointer.stop() }
        let ceiling = Checkpointer.Limits.standard.ceiling
        #expect(Checkpointer.Limits.standard.limit < ceiling)
        #expect(checkpointer.walGrew(to: 10) == false)
        #expect(checkpointer.walGrew(to: ceiling - 1) == false)  // the thread's turn
        #expect(checkpointer.walGrew(to: ceiling) == true)
    }

    @Test func bySQLiteTheWALStartsOverUnderWritesThatNeverPause() throws {
        let database = try open(.sqlite)
        for _ in 0..<6 { try fill(database) }  // about 48 MB, one commit after another
        // Past the limit (4,000 pages here, 16 MB) a checkpoint finishes with the writer held off, and the next write
        // starts the log over; at the ceiling (6,000 pages here, 25 MB) the writer checkpoints itself, however far
        // behind the thread is. Without that the log would hold all 48 MB; with it, what the log cannot hold is in the file.
        #expect(size(path + "-wal") < 32_000_000)
        #expect(size(path) > 20_000_000)
    }
}

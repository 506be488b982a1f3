import Foundation
import Testing
@testable import Store

/// Online backups: consistent while another thread keeps writing, and checked before use.
struct BackupTests {
    let folder: URL

    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("tandem-backup-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    func path(_ name: String) -> String { folder.appendingPathComponent(name).path }

    @Test func aBackupTakenDuringWritesIsConsistent() throws {
        let database = try Database(path: path("live.sqlite"))
        for i in 0..<200 {
            try database.write { try $0.run("INSERT INTO participants (name, created_at) VALUES (?, ?)", ["p\(i)", i]) }
        }
        let writer = Thread {
            for i in 200..<1200 {
                _ = try? database.write { try $0.run("INSERT INTO participants (name, created_at) VALUES (?, ?)", ["p\(i)", i]) }
            }
        }
        writer.start()
        try Backup.copy(from: path("live.sqlite"), to: path("copy.sqlite"), pagesPerStep: 1)
        let check = try Backup.check(path("copy.sqlite"))
        #expect(check.isUsable)
        #expect(check.schemaVersion == Schema.migrations.last?.version)
        let copied = try Connection(path: path("copy.sqlite"), readOnly: true)
            .query("SELECT COUNT(*) AS n, MAX(created_at) AS m FROM participants").first
        // Every row up to the copy's moment is there, with no gap: a snapshot, not a torn file.
        #expect((copied?.int("n") ?? 0) >= 200)
        #expect(copied?.int("n") == (copied?.int("m") ?? -2) + 1)
    }

    @Test func aBackupIsOneFileWithNoWALBesideIt() throws {
        let database = try Database(path: path("live.sqlite"))
        try database.write { try $0.run("INSERT INTO participants (name, created_at) VALUES (?, ?)", ["p", 1]) }
        try Backup.copy(from: path("live.sqlite"), to: path("copy.sqlite"))
        #expect(try Backup.check(path("copy.sqlite")).isUsable)
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasPrefix("copy") }
        #expect(files == ["copy.sqlite"])
        let mode = try Connection(path: path("copy.sqlite"), readOnly: true).query("PRAGMA journal_mode").first
        #expect(mode?.string("journal_mode") == "delete")
    }

    @Test func somethingThatIsNotADatabaseIsRefused() throws {
        try Data("not a database at all, just text".utf8).write(to: URL(fileURLWithPath: path("junk.sqlite")))
        #expect(throws: StoreError.self) { try Backup.check(path("junk.sqlite")) }
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import Testing
import Store

/// The database, its WAL and shared memory, and backups are created for their owner only (mode 0600), whatever the
/// process's umask: they hold minors' records and bank details.
struct PrivateFilesTests {
    let folder: URL

    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("tandem-modes-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    func path(_ name: String) -> String { folder.appendingPathComponent(name).path }

    func mode(_ path: String) throws -> Int {
        try #require(FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? NSNumber).intValue
    }

    /// Runs `body` under the common umask 022, which would make new files 0644.
    func withPermissiveUmask<T>(_ body: () throws -> T) rethrows -> T {
        let previous = umask(0o022)
        defer { umask(previous) }
        return try body()
    }

    @Test func aNewDatabaseAndItsWALAndSharedMemoryAre0600() throws {
        let database = try withPermissiveUmask { try Database(path: path("t.sqlite")) }
        try database.write { try $0.run("INSERT INTO participants (name, created_at) VALUES ('A', 0)") }
        for suffix in ["", "-wal", "-shm"] {
            #expect(try mode(path("t.sqlite" + suffix)) == 0o600, "t.sqlite\(suffix)")
        }
    }

    @Test func aBackupIs0600() throws {
        _ = try Database(path: path("live.sqlite"))
        try withPermissiveUmask { try Backup.copy(from: path("live.sqlite"), to: path("copy.sqlite")) }
        #expect(try mode(path("copy.sqlite")) == 0o600)
    }

    @Test func anExistingFileKeepsTheModeItsOwnerGaveIt() throws {
        FileManager.default.createFile(atPath: path("shared.sqlite"), contents: nil, attributes: [.posixPermissions: 0o640])
        _ = try Database(path: path("shared.sqlite"))
        #expect(try mode(path("shared.sqlite")) == 0o640)
    }
}

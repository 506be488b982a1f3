import Foundation
import Testing
@testable import Store

/// SQLite's result codes reach callers typed: the extended code, its primary code, and what they mean for a request.
struct StoreErrorTests {
    let folder: URL

    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("tandem-error-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    func path() -> String { folder.appendingPathComponent("t.sqlite").path }

    private func failure(_ body: () throws -> Void) -> StoreError? {
        do {
            try body()
            return nil
        } catch {
            return error as? StoreError
        }
    }

    @Test func aDuplicateKeyIsTheUniqueConstraintCode() throws {
        let connection = try Connection(path: path())
        try connection.execute("CREATE TABLE t (name TEXT UNIQUE)")
        try connection.run("INSERT INTO t (name) VALUES (?)", ["a"])
        let error = failure { try connection.run("INSERT INTO t (name) VALUES (?)", ["a"]) }
        #expect(error?.code == .constraintUnique)
        #expect(error?.code?.primary == .constraint)
        #expect(error?.isConstraintViolation == true)
        #expect(error?.isBusy == false)
    }

    @Test func aMissingParentIsTheForeignKeyCode() throws {
        let connection = try Connection(path: path())
        try connection.execute("CREATE TABLE p (id INTEGER PRIMARY KEY); CREATE TABLE c (p INTEGER REFERENCES p(id))")
        let error = failure { try connection.run("INSERT INTO c (p) VALUES (?)", [7]) }
        #expect(error?.code == .constraintForeignKey)
        #expect(error?.isConstraintViolation == true)
    }

    @Test func aWriterHeldOffByAnotherIsBusy() throws {
        let holder = try Connection(path: path())
        let waiter = try Connection(path: path())
        try waiter.execute("PRAGMA busy_timeout = 0")
        try holder.run("BEGIN IMMEDIATE")
        let error = failure { try waiter.run("BEGIN IMMEDIATE") }
        try holder.run("ROLLBACK")
        #expect(error?.code?.primary == .busy)
        #expect(error?.isBusy == true)
        #expect(error?.isStorageUnavailable == false)
    }

    @Test func aFileThatIsNotADatabaseSaysSo() throws {
        try Data(repeating: 0x41, count: 4096).write(to: URL(fileURLWithPath: path()))
        let error = failure { _ = try Connection(path: path()) }
        #expect(error?.code == .notADatabase)
        #expect(error.map { "\($0)" }?.contains("(26)") == true)
    }

    @Test func aRefusalOfTheWrapperHasNoSQLiteCode() throws {
        let connection = try Connection(path: path())
        let error = failure { try connection.query("SELECT ? AS a", []) }
        #expect(error?.operation == "bind")
        #expect(error?.code == nil)
        #expect(error?.isConstraintViolation == false && error?.isBusy == false && error?.isStorageUnavailable == false)
    }
}

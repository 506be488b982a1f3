import Foundation
import Service
import Store

/// `tandem backup --out FILE` (online, consistent, while the service runs) and `tandem restore FILE` (checked first).
struct BackupCommand {
    static let commands = [
        Command(spec: CommandSpec(
            path: ["backup"], abstract: "a consistent, checked copy of the database, taken while the service runs",
            options: [
                OptionSpec(name: "out", value: "FILE", help: "the copy (written beside, then moved in)").required,
                .db, .config,
            ],
            discussion: """
                For offline copies (archives, hand-over, before an upgrade); continuous replication of the live \
                database is Litestream's job (deploy/replication.md).
                """)) { try BackupCommand(arguments: $0).backup() },
        Command(spec: CommandSpec(
            path: ["restore"],
            abstract: "check a backup, then put it in place of the database (stop the service first)",
            arguments: [ArgumentSpec(name: "FILE", help: "the backup")], options: [.db, .config],
            discussion: "The database it replaces is kept beside it, its name ending in .before-restore.")) {
            try BackupCommand(arguments: $0).restore()
        },
    ]

    let arguments: Arguments

    private func databasePath() throws -> String {
        var configuration = try Configuration.load(file: arguments.option("config"))
        if let db = arguments.option("db") { configuration.databasePath = db }
        return configuration.databasePath
    }

    func backup() throws -> Int32 {
        guard let out = arguments.option("out") else { preconditionFailure("required options are checked") }
        let source = try databasePath()
        guard FileManager.default.fileExists(atPath: source) else { throw CLIError("no database at \(source)") }
        let partial = out + ".partial"
        try? FileManager.default.removeItem(atPath: partial)
        let pages = try Backup.copy(from: source, to: partial)
        let check = try Backup.check(partial)
        guard check.isUsable else {
            throw CLIError("the copy failed its check (integrity: \(check.integrity)); \(partial) kept for inspection")
        }
        _ = try? FileManager.default.removeItem(atPath: out)
        try FileManager.default.moveItem(atPath: partial, toPath: out)
        print("Backed up \(source) to \(out): \(pages) pages, schema version \(check.schemaVersion), integrity ok.")
        return 0
    }

    func restore() throws -> Int32 {
        guard let file = arguments.argument(0) else { preconditionFailure("arguments are checked by Arguments") }
        let check: Backup.Check
        do {
            check = try Backup.check(file)
        } catch {
            print("\(file) is not a usable backup: \(error.message). Nothing was changed.")
            return 1
        }
        guard check.isUsable else {
            print("\(file) is not a usable backup: integrity \(check.integrity), \(check.foreignKeyViolations) "
                + "foreign key problem(s), schema version \(check.schemaVersion). Nothing was changed.")
            return 1
        }
        let target = try databasePath()
        if FileManager.default.fileExists(atPath: target) {
            let aside = target + ".before-restore"
            _ = try? FileManager.default.removeItem(atPath: aside)
            try Backup.copy(from: target, to: aside)
            print("The current database was kept as \(aside).")
        }
        for suffix in ["-wal", "-shm"] { try? FileManager.default.removeItem(atPath: target + suffix) }
        try Backup.copy(from: file, to: target)
        print("Restored \(file) to \(target) (schema version \(check.schemaVersion)).")
        return 0
    }
}

import Foundation
import Service

/// `tandem doctor [--config FILE] [--db FILE] [--backups DIR]`: one line per check (`ok`, `warn`, `FAIL`) with what
/// to fix; exit 1 when any check fails. Read-only: sends no message and no mail.
struct DoctorCommand {
    static let spec = CommandSpec(
        path: ["doctor"],
        abstract: "check the configuration, database, file modes, backups, replica, dialogues, HTTP port, homeserver "
            + "and SMTP server",
        options: [
            .config, .db,
            OptionSpec(
                name: "backups", value: "DIR", help: "the backup directory to check (default /var/backups/tandem)"),
        ],
        discussion: "One `ok`, `warn` or `FAIL` line per check, with what to fix; exit 1 when any check fails.")

    /// Where `deploy/tandem-backup.cron` writes the backups.
    static let defaultBackupDirectory = "/var/backups/tandem"

    let arguments: Arguments

    func run() throws -> Int32 {
        let backups = arguments.option("backups")
            ?? (FileManager.default.fileExists(atPath: Self.defaultBackupDirectory) ? Self.defaultBackupDirectory : nil)
        var counts: [DoctorFinding.Status: Int] = [:]
        let doctor = Doctor(
            configurationFile: arguments.option("config"), databasePath: arguments.option("db"),
            backupDirectory: backups)
        doctor.run { finding in
            print(finding)
            counts[finding.status, default: 0] += 1
        }
        let failed = counts[.fail, default: 0]
        print("\(counts[.ok, default: 0]) ok, \(counts[.warn, default: 0]) warn, \(failed) FAIL")
        return failed == 0 ? 0 : 1
    }
}

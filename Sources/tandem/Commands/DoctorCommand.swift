import Service

/// `tandem doctor [--config FILE] [--db FILE]`: one line per check (`ok`, `warn`, `FAIL`) with what to fix; exit 1
/// when any check fails. Read-only: sends no message and no mail.
struct DoctorCommand {
    static let spec = CommandSpec(
        path: ["doctor"],
        abstract: "check the configuration, database, replica, dialogues, HTTP port, homeserver and SMTP server",
        options: [.config, .db],
        discussion: "One `ok`, `warn` or `FAIL` line per check, with what to fix; exit 1 when any check fails.")

    let arguments: Arguments

    func run() throws -> Int32 {
        var counts: [DoctorFinding.Status: Int] = [:]
        Doctor(configurationFile: arguments.option("config"), databasePath: arguments.option("db")).run { finding in
            print(finding)
            counts[finding.status, default: 0] += 1
        }
        let failed = counts[.fail, default: 0]
        print("\(counts[.ok, default: 0]) ok, \(counts[.warn, default: 0]) warn, \(failed) FAIL")
        return failed == 0 ? 0 : 1
    }
}

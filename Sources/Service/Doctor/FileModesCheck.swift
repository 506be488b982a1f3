import Foundation

/// Who may read the files that hold everything — the database with its WAL and shared memory, the copy
/// `tandem restore` keeps aside, and the backups (their directory and every file in it): warns about any that
/// anyone but their owner may read, write or (a directory) enter.
struct FileModesCheck {
    let databasePath: String
    /// Where the backups go (`tandem doctor --backups DIR`); nil to check the database's files only.
    let backupDirectory: String?

    func run() -> DoctorFinding {
        let files = FileManager.default
        var paths = ["", "-wal", "-shm", "-journal", ".before-restore"].map { databasePath + $0 }
        if let backupDirectory, let names = try? files.contentsOfDirectory(atPath: backupDirectory) {
            paths += [backupDirectory] + names.sorted().map { backupDirectory + "/" + $0 }
        }
        let checked = paths.compactMap { path in files.posixMode(atPath: path).map { (path, $0) } }
        let exposed = checked.filter { $0.1 & 0o077 != 0 }
        let what = backupDirectory.map { "the database and the backups in \($0)" } ?? "the database"
        guard !exposed.isEmpty else {
            return .ok("files", "\(checked.count) files of \(what), readable by their owner only")
        }
        let modes = exposed.map { "\($0.0) (mode \(String($0.1, radix: 8)))" }
        return .warn(
            "files", "\(exposed.count) of the \(checked.count) files of \(what) can be read by others than their "
                + "owner, e.g. \(modes[0])",
            fix: "take the others' access away: `chmod go= FILE…` (`chmod -R go= DIR` for the backups); "
                + "deploy/tandem.service's UMask=0077 keeps new ones private",
            lines: modes)
    }
}

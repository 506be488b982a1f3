import Foundation
import Store

/// Opens the database read-only: integrity, foreign keys, and its schema version against this binary's.
struct DatabaseCheck {
    let path: String
    /// The migrations this Tandem applies (its own and its channels').
    let schema: [Migration]

    func run() -> DoctorFinding {
        guard FileManager.default.fileExists(atPath: path) else {
            return .warn(
                "database", "no database at \(path) yet", fix: "`tandem serve` creates it; check database.path")
        }
        let check: Backup.Check
        let applied: Set<Int>
        do {
            check = try Backup.check(path)
            applied = try Self.appliedVersions(path)
        } catch {
            return .fail(
                "database", "cannot read \(path): \(error.message)",
                fix: "check database.path and the file's owner; `tandem restore BACKUP` if it is damaged")
        }
        guard check.integrity == "ok" else {
            return .fail(
                "database", "\(path) is damaged: \(check.integrity.prefix(200))",
                fix: "stop the service and `tandem restore BACKUP` (deploy/README.md)")
        }
        guard check.foreignKeyViolations == 0 else {
            return .fail(
                "database", "\(path): \(check.foreignKeyViolations) row(s) point at rows that do not exist",
                fix: "stop the service and `tandem restore BACKUP` (deploy/README.md)")
        }
        let known = Set(schema.map(\.version))
        let ours = known.max() ?? 0
        let summary = "\(path), schema \(check.schemaVersion), integrity ok"
        if let newer = applied.subtracting(known).max() {
            return .fail(
                "database", "\(summary), but schema \(newer) comes from a newer Tandem (this one knows up to \(ours))",
                fix: "install the newer tandem, or `tandem restore` a backup made by this version")
        }
        let pending = known.subtracting(applied).count
        guard pending == 0 else {
            return .warn(
                "database", "\(summary); \(pending) migration(s) of this tandem (schema \(ours)) not applied yet",
                fix: "take a `tandem backup --out FILE`, then `tandem serve` applies them when it starts")
        }
        return .ok("database", summary)
    }

    /// The versions recorded in `schema_migrations` (none for a file Tandem never opened).
    private static func appliedVersions(_ path: String) throws(StoreError) -> Set<Int> {
        let connection = try Connection(path: path, readOnly: true)
        let hasTable = try !connection.query(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'").isEmpty
        guard hasTable else { return [] }
        return Set(try connection.query("SELECT version FROM schema_migrations").map { $0.int("version") })
    }
}

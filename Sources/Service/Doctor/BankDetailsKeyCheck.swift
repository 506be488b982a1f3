import Foundation
import Programme
import Store

/// Which key seals the stored bank details, against `expenses.data_key`: read-only, never prints a key, only ids.
struct BankDetailsKeyCheck {
    let path: String
    let key: BankDetailsKey?

    func run() -> DoctorFinding {
        var counts: [String: Int] = [:]
        if FileManager.default.fileExists(atPath: path) {
            do {
                let connection = try Connection(path: path, readOnly: true)
                let hasColumn = try connection.query("PRAGMA table_info(bank_details)")
                    .contains { $0.string("name") == "key_id" }
                if hasColumn { counts = try BankDetailsRepository(connection).countsByKey() }
            } catch {
                return .fail("expenses", "cannot read bank details in \(path): \(error)", fix: "see the database check")
            }
        }
        let foreign = counts.filter { $0.key != BankDetailsKey.databaseKeyID && $0.key != key?.id }
        if let (id, rows) = foreign.sorted(by: { $0.key < $1.key }).first {
            return .fail(
                "expenses", "\(rows) bank details are sealed with key \(id), which is not the configured expenses.data_key",
                fix: "configure the expenses.data_key they were sealed with")
        }
        guard let key else {
            return .warn(
                "expenses", "expenses.data_key is not set: bank details are sealed with a secret kept in the database",
                fix: "set expenses.data_key (openssl rand -base64 32) outside the database; `tandem serve` re-seals")
        }
        let legacy = counts[BankDetailsKey.databaseKeyID] ?? 0
        return .ok(
            "expenses", "bank details sealed with the configured key \(key.id)"
                + (legacy > 0 ? "; \(legacy) still under the database's secret until `tandem serve` starts" : ""))
    }
}

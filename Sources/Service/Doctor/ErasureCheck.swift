import Foundation
import Store

/// Erasure requests ("forget me") waiting: a request in a programme without a coordinator can only be confirmed on
/// the server (`tandem erase N --yes`), and its person was told so — the operator must see it here.
struct ErasureCheck {
    let path: String

    /// Nil when there is no readable database (the database check reports that).
    func run() -> DoctorFinding? {
        guard FileManager.default.fileExists(atPath: path),
              let connection = try? Connection(path: path, readOnly: true),
              let pending = try? ErasureRepository(connection).pending()
        else { return nil }
        let orphaned = pending.filter { request in
            (try? ProgrammeRepository(connection).names(programmeID: request.programmeID, role: "coordinator"))?
                .isEmpty ?? true
        }
        guard orphaned.isEmpty else {
            let numbers = orphaned.map { String($0.id) }.joined(separator: ", ")
            return .warn(
                "erasure", "request(s) \(numbers) wait in a programme without a coordinator",
                fix: "see whose with `tandem erase list`, then erase with `tandem erase N --yes`")
        }
        return .ok("erasure", "\(pending.count) request(s) waiting for a coordinator")
    }
}

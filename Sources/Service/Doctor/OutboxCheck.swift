import Foundation
import Store

/// Reads the delivery queue read-only: how many replies wait, how long the oldest has waited, how many are dead.
struct OutboxCheck {
    let path: String
    let now: Int64

    /// Nil when there is no readable database (the database check reports that).
    func run() -> DoctorFinding? {
        guard FileManager.default.fileExists(atPath: path),
              let rows = try? OutboxRepository(Connection(path: path, readOnly: true)).statistics(now: now)
        else { return nil }
        let queued = rows.map(\.queued).reduce(0, +)
        let dead = rows.map(\.dead).reduce(0, +)
        let oldest = (rows.map(\.oldestAge).max() ?? 0) / 60_000
        let detail = "\(queued) queued" + (queued > 0 ? " (oldest \(oldest) min)" : "") + ", \(dead) dead"
        guard dead == 0 else {
            let channels = rows.filter { $0.dead > 0 }.map { "\($0.channel) \($0.dead)" }.joined(separator: ", ")
            return .warn(
                "outbox", "\(detail) (\(channels))",
                fix: "see why with `tandem outbox list dead`, then `tandem outbox retry ID` or `drop ID`")
        }
        return .ok("outbox", detail)
    }
}

import Foundation

/// One result of `tandem doctor`: what was checked, how it went, what was seen and what to do about it.
///
/// Never holds a secret: checks name the settings (`matrix.as_token`), never their values.
public struct DoctorFinding: Sendable, Equatable, CustomStringConvertible {
    /// How a check went.
    public enum Status: String, Sendable, Equatable {
        /// Works as it should.
        case ok
        /// Works, but something needs attention (dead messages, a half-configured channel).
        case warn
        /// Does not work; `tandem doctor` exits 1.
        case fail
    }

    /// What was checked: `configuration`, `database`, `outbox`, `expenses`, `dialogs`, `http`, `matrix`, `smtp`,
    /// `replication`.
    public let name: String
    public let status: Status
    /// What was seen, one line, e.g. `/var/lib/tandem/tandem.sqlite, schema 41, integrity ok`.
    public let detail: String
    /// What to do about it; empty when nothing needs doing.
    public let fix: String
    /// Further lines printed under the finding (e.g. the first `FILE:LINE: message` problems).
    public let lines: [String]

    public init(name: String, status: Status, detail: String, fix: String = "", lines: [String] = []) {
        self.name = name
        self.status = status
        self.detail = detail
        self.fix = fix
        self.lines = lines
    }

    /// It works: what was seen.
    public static func ok(_ name: String, _ detail: String) -> DoctorFinding {
        DoctorFinding(name: name, status: .ok, detail: detail)
    }

    /// It works, but needs attention: what was seen and what to do.
    public static func warn(_ name: String, _ detail: String, fix: String, lines: [String] = []) -> DoctorFinding {
        DoctorFinding(name: name, status: .warn, detail: detail, fix: fix, lines: lines)
    }

    /// It does not work: what was seen and what to fix.
    public static func fail(_ name: String, _ detail: String, fix: String, lines: [String] = []) -> DoctorFinding {
        DoctorFinding(name: name, status: .fail, detail: detail, fix: fix, lines: lines)
    }

    /// The report line, `ok   database: …` or `FAIL smtp: … — check email.smtp_url`, then the further lines
    /// indented under it.
    public var description: String {
        let label = status == .fail ? "FAIL" : status.rawValue
        let first = label.padding(toLength: 4, withPad: " ", startingAt: 0) + " \(name): \(detail)"
            + (fix.isEmpty ? "" : " — \(fix)")
        return ([first] + lines.map { "     " + $0 }).joined(separator: "\n")
    }
}

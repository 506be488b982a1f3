import Channels
import Foundation

/// Talks to `email.smtp_url` as sending would (``SMTPClient/probe()``): greeting, `EHLO`, `STARTTLS` (required except
/// on loopback) and `AUTH` when a user is set — then `QUIT`. Never sends mail.
struct SMTPCheck {
    let url: String
    let username: String
    let password: String
    let timeout: Duration

    func run() -> DoctorFinding {
        let client: SMTPClient
        do {
            client = try SMTPClient(url: url, username: username, password: password, timeout: timeout)
        } catch {
            return .fail("smtp", error.description, fix: "check email.smtp_url")
        }
        let target = Self.target(of: client.url)
        let start = ContinuousClock.now
        let reply: Int
        switch client.probe() {
        case .answered(let code): reply = code
        case .failed(let failure): return self.failure(failure, target: target)
        }
        let elapsed = DoctorTiming.milliseconds(since: start)
        let security = client.isLoopback ? "STARTTLS if offered (loopback)" : "over TLS"
        let authenticated = reply == 235  // libcurl skips AUTH when the server offers none
        guard client.username.isEmpty || authenticated else {
            return .warn(
                "smtp", "\(target) answered EHLO in \(elapsed) ms, \(security), but offers no AUTH",
                fix: "email.smtp_user and email.smtp_password go unused: remove them, or enable AUTH on the server")
        }
        let steps = authenticated ? "EHLO and AUTH" : "EHLO"
        return .ok("smtp", "\(target) answered \(steps) (reply \(reply)) in \(elapsed) ms, \(security); no mail sent")
    }

    /// What a failed probe means, and what to fix.
    private func failure(_ failure: SMTPProbeFailure, target: String) -> DoctorFinding {
        switch failure {
        case .libcurlUnavailable:
            return .fail("smtp", "libcurl could not be initialised", fix: "reinstall libcurl4")
        case .libcurlRefusedOption(let message):
            return .fail("smtp", "libcurl refused an option: \(message)", fix: "upgrade libcurl4 (7.85+)")
        case .cannotConnect(let reason):
            return .fail(
                "smtp", "cannot connect to \(target) (\(reason))",
                fix: "is the mail server running? check email.smtp_url")
        case .cannotResolve:
            return .fail("smtp", "cannot resolve the host of \(target)", fix: "check email.smtp_url")
        case .timedOut:
            return .fail(
                "smtp", "no answer from \(target) within \(DoctorTiming.milliseconds(timeout) / 1000) s",
                fix: "a firewall may drop the port; check email.smtp_url")
        case .noSTARTTLS:
            return .fail(
                "smtp", "\(target) does not offer STARTTLS",
                fix: "use smtps://HOST:465 or a server that offers STARTTLS in email.smtp_url")
        case .loginDenied:
            return .fail(
                "smtp", "\(target) refused the login (or offers no AUTH method libcurl can use)",
                fix: "check email.smtp_user and email.smtp_password")
        case .tlsFailed(let detail):
            return .fail(
                "smtp", "TLS with \(target) failed: \(detail)",
                fix: "smtps:// goes with port 465, smtp:// with 587; the certificate must name the host")
        case .other(let code, let detail):
            return .fail(
                "smtp", "\(target): \(detail) (curl \(code))",
                fix: "is it an SMTP server? check email.smtp_url")
        }
    }

    /// `host:port` of the URL, never its user or password.
    private static func target(of url: String) -> String {
        let components = URLComponents(string: url)
        let host = components?.host ?? "?"
        let port = components?.port ?? (url.lowercased().hasPrefix("smtps:") ? 465 : 25)
        return host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)"
    }
}

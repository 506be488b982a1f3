internal import CCurl
import Channels
import Foundation

/// Connects to `email.smtp_url` with libcurl's `CURLOPT_CONNECT_ONLY`: greeting, `EHLO`, `STARTTLS` (required
/// except on loopback, as when sending) and `AUTH` when a user is set — then `QUIT`. Never sends mail.
///
/// libcurl closes a connect-only connection without `QUIT`, so the check sends it itself (not awaiting the `221`).
struct SMTPCheck {
    let url: String
    let username: String
    let password: String
    let timeout: Duration

    /// `curl_global_init`, run once before the first handle.
    private static let globalInitCode: UInt32 = curl_global_init(Int(CURL_GLOBAL_DEFAULT)).rawValue

    func run() -> DoctorFinding {
        let client: SMTPClient
        do {
            client = try SMTPClient(url: url, username: username, password: password, timeout: timeout)
        } catch {
            return .fail("smtp", error.description, fix: "check email.smtp_url")
        }
        guard Self.globalInitCode == CURLE_OK.rawValue, let handle = curl_easy_init() else {
            return .fail("smtp", "libcurl could not be initialised", fix: "reinstall libcurl4")
        }
        defer { curl_easy_cleanup(handle) }
        let milliseconds = max(1, DoctorTiming.milliseconds(timeout))
        let tls = client.isLoopback ? CURLUSESSL_TRY : CURLUSESSL_ALL
        var codes = [
            tandem_curl_set_string(handle, CURLOPT_URL, client.url),
            tandem_curl_set_string(handle, CURLOPT_PROTOCOLS_STR, "smtp,smtps"),
            tandem_curl_set_long(handle, CURLOPT_NOSIGNAL, 1),
            tandem_curl_set_long(handle, CURLOPT_TIMEOUT_MS, milliseconds),
            tandem_curl_set_long(handle, CURLOPT_CONNECTTIMEOUT_MS, milliseconds),
            tandem_curl_set_long(handle, CURLOPT_USE_SSL, Int(tls.rawValue)),
            tandem_curl_set_long(handle, CURLOPT_CONNECT_ONLY, 1),
        ]
        if !client.username.isEmpty {
            codes.append(tandem_curl_set_string(handle, CURLOPT_USERNAME, client.username))
            codes.append(tandem_curl_set_string(handle, CURLOPT_PASSWORD, client.password))
        }
        if let failed = codes.first(where: { $0 != CURLE_OK }) {
            return .fail("smtp", "libcurl refused an option: \(Self.message(failed))", fix: "upgrade libcurl4 (7.85+)")
        }
        let start = ContinuousClock.now
        var errorBuffer = [CChar](repeating: 0, count: Int(CURL_ERROR_SIZE) + 1)
        let code = errorBuffer.withUnsafeMutableBytes { buffer in
            let set = tandem_curl_set_pointer(handle, CURLOPT_ERRORBUFFER, buffer.baseAddress)
            defer { _ = tandem_curl_set_pointer(handle, CURLOPT_ERRORBUFFER, nil) }  // the buffer dies here
            return set == CURLE_OK ? curl_easy_perform(handle) : set
        }
        let elapsed = DoctorTiming.milliseconds(since: start)
        let target = Self.target(of: client.url)
        guard code == CURLE_OK else {
            let detail = errorBuffer.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
            var osError = 0
            _ = tandem_curl_get_long(handle, CURLINFO_OS_ERRNO, &osError)
            return failure(code, target: target, detail: detail.isEmpty ? Self.message(code) : detail, osError: osError)
        }
        var reply = 0
        _ = tandem_curl_get_long(handle, CURLINFO_RESPONSE_CODE, &reply)
        var sent = 0
        _ = Array("QUIT\r\n".utf8).withUnsafeBytes { curl_easy_send(handle, $0.baseAddress, $0.count, &sent) }
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

    /// What a failed connection means, by libcurl's code.
    private func failure(_ code: CURLcode, target: String, detail: String, osError: Int) -> DoctorFinding {
        switch code {
        case CURLE_COULDNT_CONNECT:
            let reason = osError == 0 ? detail : String(cString: strerror(Int32(osError))).lowercased()
            return .fail(
                "smtp", "cannot connect to \(target) (\(reason))",
                fix: "is the mail server running? check email.smtp_url")
        case CURLE_COULDNT_RESOLVE_HOST:
            return .fail("smtp", "cannot resolve the host of \(target)", fix: "check email.smtp_url")
        case CURLE_OPERATION_TIMEDOUT:
            return .fail(
                "smtp", "no answer from \(target) within \(DoctorTiming.milliseconds(timeout) / 1000) s",
                fix: "a firewall may drop the port; check email.smtp_url")
        case CURLE_USE_SSL_FAILED:
            return .fail(
                "smtp", "\(target) does not offer STARTTLS",
                fix: "use smtps://HOST:465 or a server that offers STARTTLS in email.smtp_url")
        case CURLE_LOGIN_DENIED:
            return .fail(
                "smtp", "\(target) refused the login (or offers no AUTH method libcurl can use)",
                fix: "check email.smtp_user and email.smtp_password")
        case CURLE_PEER_FAILED_VERIFICATION, CURLE_SSL_CONNECT_ERROR:
            return .fail(
                "smtp", "TLS with \(target) failed: \(detail)",
                fix: "smtps:// goes with port 465, smtp:// with 587; the certificate must name the host")
        default:
            return .fail(
                "smtp", "\(target): \(detail) (curl \(code.rawValue))",
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

    private static func message(_ code: CURLcode) -> String { String(cString: curl_easy_strerror(code)) }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Channels
import HTTP

/// Whether `http.host:http.port` is free for `tandem serve`, or already serving `/healthz` (Tandem is running).
struct HTTPPortCheck {
    let host: String
    let port: Int
    let http: HTTPClient
    let timeout: Duration

    func run() -> DoctorFinding {
        let address = host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)"
        guard port != 0 else {
            return .warn(
                "http", "http.port is 0: the system picks another port at every start",
                fix: "set http.port, so the homeserver and mail relay can find the webhooks")
        }
        let probe = HTTPServer(configuration: HTTPServerConfiguration(host: host, port: UInt16(port))) { _ in
            .status(.serviceUnavailable)
        }
        do {
            try probe.start()
            probe.shutdown()
            probe.waitUntilStopped()
            return .ok("http", "\(address) is free (tandem serve is not running there)")
        } catch .bindFailed(_, _, let code) where code == EADDRINUSE {
            return inUse(address)
        } catch .bindFailed(_, _, let code) where code == EACCES {
            return .fail("http", "\(address): ports below 1024 need root", fix: "use an http.port of 1024 or more")
        } catch .bindFailed(_, _, let code) where code == EADDRNOTAVAIL {
            return .fail("http", "\(host) is not an address of this machine", fix: "check http.host")
        } catch {
            return .fail("http", "cannot listen on \(address): \(error)", fix: "check http.host and http.port")
        }
    }

    /// Something listens there: Tandem if it answers `/healthz`.
    private func inUse(_ address: String) -> DoctorFinding {
        let local = switch host {
        case "0.0.0.0", "": "127.0.0.1:\(port)"
        case "::": "[::1]:\(port)"
        default: address
        }
        let start = ContinuousClock.now
        let response: HTTPClientResponse
        do {
            response = try http.send(HTTPClientRequest(url: "http://\(local)/healthz", timeout: timeout))
        } catch {
            return .fail(
                "http", "\(address) is in use by a program that does not answer HTTP (\(error))",
                fix: "stop that program or change http.port")
        }
        let milliseconds = DoctorTiming.milliseconds(since: start)
        switch response.status {
        case 200:
            return .ok(
                "http", "\(address) already serving /healthz (200 in \(milliseconds) ms): tandem serve is running")
        case 503:
            return .fail(
                "http", "\(address) is serving, but /healthz answered 503: its database does not answer",
                fix: "see the service's log (journalctl -u tandem); check the disk and database.path")
        default:
            return .fail(
                "http", "\(address) is in use by another program (GET /healthz answered \(response.status))",
                fix: "stop that program or change http.port")
        }
    }
}

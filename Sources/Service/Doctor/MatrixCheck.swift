import Channels

/// Reaches the homeserver (`GET /_matrix/client/versions`), then asks it to ping Tandem back through the
/// registration (`POST /_matrix/client/v1/appservice/tandem/ping` with the `as_token`): the whole application-service
/// link in one round trip.
struct MatrixCheck {
    /// The registration's `id`, as `tandem matrix registration` writes it.
    static let appserviceID = "tandem"

    let homeserver: String
    let asToken: String
    let http: HTTPClient
    let timeout: Duration

    init(homeserver: String, asToken: String, http: HTTPClient, timeout: Duration) {
        self.homeserver = homeserver.hasSuffix("/") ? String(homeserver.dropLast()) : homeserver
        self.asToken = asToken
        self.http = http
        self.timeout = timeout
    }

    func run() -> DoctorFinding {
        let versions: HTTPClientResponse
        do {
            versions = try http.send(HTTPClientRequest(url: homeserver + "/_matrix/client/versions", timeout: timeout))
        } catch {
            return .fail(
                "matrix", "cannot reach \(homeserver) (\(Self.reason(error)))",
                fix: "is the homeserver running? check matrix.homeserver_url")
        }
        let latest = JSONValue.parse(versions.body)?["versions"]?.array?.last?.string
        guard versions.status == 200, let latest else {
            return .fail(
                "matrix", "\(homeserver) answered \(versions.status) to GET /_matrix/client/versions: not a homeserver",
                fix: "matrix.homeserver_url is the client-server API's base URL, e.g. http://127.0.0.1:8008")
        }
        guard !asToken.isEmpty else {
            return .fail(
                "matrix", "\(homeserver) answers (Matrix \(latest)), but matrix.as_token is empty",
                fix: "`tandem matrix registration --config FILE` writes the tokens (deploy/matrix.md)")
        }
        let start = ContinuousClock.now
        let ping: HTTPClientResponse
        do {
            ping = try http.send(HTTPClientRequest(
                method: "POST", url: homeserver + "/_matrix/client/v1/appservice/\(Self.appserviceID)/ping",
                headers: [("Authorization", "Bearer \(asToken)"), ("Content-Type", "application/json")],
                body: Array(#"{"transaction_id":"tandem-doctor"}"#.utf8), timeout: timeout))
        } catch {
            return .fail(
                "matrix", "the appservice ping to \(homeserver) failed (\(Self.reason(error)))",
                fix: "is the homeserver running? check matrix.homeserver_url")
        }
        let milliseconds = DoctorTiming.milliseconds(since: start)
        let answer = JSONValue.parse(ping.body)
        guard ping.status == 200 else { return pingProblem(ping.status, answer) }
        let inner = answer?["duration_ms"]?.int.map { " (homeserver → tandem \($0) ms)" } ?? ""
        return .ok("matrix", "\(homeserver) (Matrix \(latest)): appservice ping round trip \(milliseconds) ms\(inner)")
    }

    /// What a failed ping means, by the homeserver's `errcode` (Matrix client-server API v1.7+).
    private func pingProblem(_ status: Int, _ answer: JSONValue?) -> DoctorFinding {
        let errcode = answer?["errcode"]?.string ?? ""
        let seen = "appservice ping answered \(status)\(errcode.isEmpty ? "" : " \(errcode)")"
        let load = "load the registration (app_service_config_files in Synapse) and restart the homeserver"
        switch (status, errcode) {
        case (401, _), (_, "M_UNKNOWN_TOKEN"), (_, "M_MISSING_TOKEN"):
            return .fail(
                "matrix", "\(seen): the homeserver knows no application service with matrix.as_token",
                fix: "\(load); its as_token must equal matrix.as_token")
        case (403, _):
            return .fail(
                "matrix", "\(seen): matrix.as_token belongs to an application service whose id is not "
                    + "`\(Self.appserviceID)`",
                fix: "the registration needs `id: \(Self.appserviceID)` and as_token equal to matrix.as_token")
        case (404, _), (405, _), (_, "M_UNRECOGNIZED"):
            return .warn(
                "matrix", "\(homeserver) answers, but does not support the appservice ping",
                fix: "a homeserver with Matrix v1.7 (Synapse 1.84+) can check the whole link")
        case (_, "M_URL_NOT_SET"):
            return .fail(
                "matrix", "\(seen): the registration has no url", fix: "set the registration's url, then \(load)")
        case (_, "M_BAD_STATUS"):
            let tandem = answer?["status"]?.int.map(String.init) ?? "an error"
            return .fail(
                "matrix", "\(seen): Tandem answered the homeserver's ping with \(tandem)",
                fix: "the registration's hs_token must equal matrix.hs_token (then \(load))")
        case (_, "M_CONNECTION_FAILED"), (_, "M_CONNECTION_TIMEOUT"):
            return .fail(
                "matrix", "\(seen): the homeserver cannot reach Tandem at the registration's url",
                fix: "start `tandem serve`; the registration's url must lead to http.host:http.port")
        default:
            return .fail("matrix", seen, fix: "see the homeserver's log")
        }
    }

    /// libcurl's words for a failed request, e.g. `Couldn't connect to server`.
    private static func reason(_ error: HTTPClientError) -> String {
        switch error {
        case .connectionFailed(_, let message), .timedOut(_, let message), .transferFailed(_, let message): message
        case .invalidRequest, .responseTooLarge, .setupFailed: error.description
        }
    }
}

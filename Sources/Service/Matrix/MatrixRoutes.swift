import Channels
import Crypto
import Foundation
import HTTP

/// The Matrix application-service API under `/_matrix/app/v1/`: transactions of events (`PUT transactions/{txnId}`),
/// the homeserver's `ping`, and the user and room queries (nothing is ours). Every request carries the homeserver's
/// token (`matrix.hs_token`): 401 without one, 403 with a wrong one.
public struct MatrixRoutes: Sendable {
    public let ingest: MatrixIngest
    /// The homeserver's token; requests to the appservice API must carry it.
    public let hsToken: String

    public init(ingest: MatrixIngest, hsToken: String) {
        self.ingest = ingest
        self.hsToken = hsToken
    }

    static let prefix = "/_matrix/app/v1/"

    /// The API as one route of the service.
    public var route: ChannelRoute {
        ChannelRoute(
            channel: .matrix, owns: { $0.hasPrefix(Self.prefix) }, name: Self.name(of:),
            maxBodyBytes: { $0.hasPrefix(Self.prefix + "transactions/") ? 16 << 20 : 64 << 10 },
            admission: { head in
                authenticate(headers: head.headers, query: head.query).map(HTTPAdmission.refuse) ?? .authenticated
            },
            handle: handle)
    }

    /// `/_matrix/app/v1/transactions` and the like: the API's part, never the caller's text.
    static func name(of path: String) -> String {
        let first = path.dropFirst(prefix.count).split(separator: "/").first.map(String.init) ?? ""
        return ["transactions", "ping", "users", "rooms"].contains(first) ? prefix + first : "other"
    }

    private func handle(_ request: HTTPRequest, events: ChannelRouteEvents) -> HTTPResponse {
        let rest = String(request.path.dropFirst(Self.prefix.count))
        if let denied = authenticate(headers: request.headers, query: request.query) { return denied }
        if rest.hasPrefix("transactions/") {
            guard request.method == "PUT" else { return Routes.methodNotAllowed() }
            let txnID = String(rest.dropFirst("transactions/".count)).removingPercentEncoding ?? ""
            guard !txnID.isEmpty, !txnID.contains("/") else { return Routes.notFound() }
            return transaction(txnID, request.body, events: events)
        }
        if rest == "ping" {
            guard request.method == "POST" else { return Routes.methodNotAllowed() }
            homeserverIsBack(events)
            return .json(body: "{}")
        }
        if rest.hasPrefix("users/") || rest.hasPrefix("rooms/") {
            return request.method == "GET"
                ? .json(status: .notFound, body: #"{"errcode":"M_NOT_FOUND","error":"Not ours"}"#)
                : Routes.methodNotAllowed()
        }
        return Routes.notFound()
    }

    /// Bearer header or legacy `access_token` query; if both are present they must agree. Nil when they do.
    private func authenticate(headers: HTTPHeaders, query: String?) -> HTTPResponse? {
        var presented: [String] = []
        if let header = headers["authorization"], header.lowercased().hasPrefix("bearer ") {
            presented.append(header.dropFirst("bearer ".count).trimmingWhitespace())
        }
        if let query {
            for pair in query.split(separator: "&") where pair.hasPrefix("access_token=") {
                presented.append(String(pair.dropFirst("access_token=".count)).removingPercentEncoding ?? "")
            }
        }
        guard !presented.isEmpty else {
            return .json(status: .unauthorized, body: #"{"errcode":"M_UNAUTHORIZED","error":"Missing token"}"#)
        }
        let valid = !hsToken.isEmpty && presented.allSatisfy { ConstantTime.equals($0, hsToken) }
        return valid ? nil : .json(status: .forbidden, body: #"{"errcode":"M_FORBIDDEN","error":"Bad token"}"#)
    }

    private func transaction(_ txnID: String, _ body: [UInt8], events: ChannelRouteEvents) -> HTTPResponse {
        let decoded: [MatrixEvent]
        do {
            decoded = try MatrixTransaction.decode(body)
        } catch {
            let payload = JSONValue.object(["errcode": .string(error.errcode), "error": .string(error.message)])
            return .json(status: .badRequest, body: payload.serialized)
        }
        do {
            let (outcome, retried) = try ingest.receive(txnID: txnID, events: decoded)
            if case .stored(let messages) = outcome { events.stored(messages) }
            if retried { events.queued() }
        } catch {
            return Routes.storageFailure(error)
        }
        return .json(body: "{}")
    }

    /// The homeserver pinged us: replies waiting out a backoff are retried now (a pushed transaction does the same in
    /// its own write, `MatrixIngest.receive`). A failure here changes nothing for the request.
    private func homeserverIsBack(_ events: ChannelRouteEvents) {
        do {
            if try ingest.homeserverIsBack() { events.queued() }
        } catch {
            Log.error("outbox: could not retry after the homeserver came back: \(error)")
        }
    }
}

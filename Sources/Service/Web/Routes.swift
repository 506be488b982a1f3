import Channels
import Crypto
import Foundation
import HTTP
import Store

/// Tandem's HTTP endpoints: the Matrix application-service API, the email webhooks, `/healthz` and `/metrics`.
public struct Routes: Sendable {
    public let pipeline: Pipeline
    public let matrix: MatrixIngest
    /// The homeserver's token; requests to the appservice API must carry it.
    public let hsToken: String
    public let metrics: ServiceMetrics
    /// `POST /hooks/email` and the Mailgun route; nil answers them 404.
    public let email: EmailWebhook?
    /// Called after a commit that may have queued outbox rows.
    public let onCommit: @Sendable () -> Void

    public init(pipeline: Pipeline, matrix: MatrixIngest, hsToken: String, metrics: ServiceMetrics,
                email: EmailWebhook? = nil, onCommit: @escaping @Sendable () -> Void = {}) {
        self.pipeline = pipeline
        self.matrix = matrix
        self.hsToken = hsToken
        self.metrics = metrics
        self.email = email
        self.onCommit = onCommit
    }

    static let appservicePrefix = "/_matrix/app/v1/"

    /// The body limit of routes nobody authenticates for (`/healthz`, `/metrics`, unknown paths): they take no body.
    public static let publicMaxBodyBytes = 4 << 10

    /// Body limits per route, checked from the request head before any body is read.
    public static func maxBodyBytes(method: String, path: String) -> Int {
        if let email = EmailWebhook.maxBodyBytes(path: path) { return email }
        guard path.hasPrefix(appservicePrefix) else { return publicMaxBodyBytes }
        return path.hasPrefix(appservicePrefix + "transactions/") ? 16 << 20 : 64 << 10
    }

    /// How each route authenticates, decided from the request head before any body byte is read: the appservice
    /// API by the homeserver's token (403/401 otherwise), the email routes as ``EmailWebhook/admission(_:)`` says;
    /// `/healthz`, `/metrics` and unknown paths are public, with small bodies only (``publicMaxBodyBytes``).
    public func admission(_ head: HTTPRequestHead) -> HTTPAdmission {
        let route = Self.route(of: head.path)
        if route == EmailWebhook.rawPath || route == EmailWebhook.mailgunPath {
            return email?.admission(head) ?? .refuse(notFound())
        }
        guard head.path.hasPrefix(Self.appservicePrefix) else { return .unauthenticated }
        return authenticate(headers: head.headers, query: head.query).map(HTTPAdmission.refuse) ?? .authenticated
    }

    /// Answers one request. Never throws: every failure becomes a status the sender understands.
    public func handle(_ request: HTTPRequest) -> HTTPResponse {
        let (route, response) = dispatch(request)
        metrics.countRequest(route: route, status: response.status.code)
        return response
    }

    /// The route a path belongs to, as logged and counted: a fixed name, never the caller's text (a path may carry
    /// what a misconfigured sender put in it, e.g. a secret).
    public static func route(of path: String) -> String {
        if path == "/healthz" || path == "/metrics" || path == EmailWebhook.mailgunPath { return path }
        if path == EmailWebhook.rawPath || path.hasPrefix(EmailWebhook.rawPath + "/") { return EmailWebhook.rawPath }
        guard path.hasPrefix(appservicePrefix) else { return "other" }
        let first = path.dropFirst(appservicePrefix.count).split(separator: "/").first.map(String.init) ?? ""
        return ["transactions", "ping", "users", "rooms"].contains(first) ? appservicePrefix + first : "other"
    }

    private func dispatch(_ request: HTTPRequest) -> (String, HTTPResponse) {
        let path = request.path
        let route = Self.route(of: path)
        if path == "/healthz" {
            return (route, request.method == "GET" || request.method == "HEAD" ? health() : methodNotAllowed())
        }
        if path == "/metrics" {
            return (route, request.method == "GET" ? metricsPage() : methodNotAllowed())
        }
        if route == EmailWebhook.rawPath || route == EmailWebhook.mailgunPath {
            return (route, emailHook(request))
        }
        guard path.hasPrefix(Self.appservicePrefix) else {
            return (route, .json(status: .notFound, body: #"{"errcode":"M_UNRECOGNIZED","error":"Unrecognized request"}"#))
        }
        let rest = String(path.dropFirst(Self.appservicePrefix.count))
        if let denied = authenticate(headers: request.headers, query: request.query) { return (route, denied) }
        if rest.hasPrefix("transactions/") {
            guard request.method == "PUT" else { return (route, methodNotAllowed()) }
            let txnID = String(rest.dropFirst("transactions/".count)).removingPercentEncoding ?? ""
            guard !txnID.isEmpty, !txnID.contains("/") else { return (route, notFound()) }
            return (route, transaction(txnID, request.body))
        }
        if rest == "ping" {
            guard request.method == "POST" else { return (route, methodNotAllowed()) }
            homeserverIsBack()
            return (route, .json(body: "{}"))
        }
        if rest.hasPrefix("users/") || rest.hasPrefix("rooms/") {
            return (route, request.method == "GET"
                ? .json(status: .notFound, body: #"{"errcode":"M_NOT_FOUND","error":"Not ours"}"#) : methodNotAllowed())
        }
        return (route, notFound())
    }

    // MARK: - Appservice

    /// Bearer header or legacy `access_token` query; if both are present they must agree. Nil when they do.
    private func authenticate(headers: HTTPHeaders, query: String?) -> HTTPResponse? {
        var presented: [String] = []
        if let header = headers["authorization"], header.lowercased().hasPrefix("bearer ") {
            presented.append(String(header.dropFirst("bearer ".count)).trimmingCharacters(in: .whitespaces))
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

    private func transaction(_ txnID: String, _ body: [UInt8]) -> HTTPResponse {
        let events: [MatrixEvent]
        do {
            events = try MatrixTransaction.decode(body)
        } catch {
            let payload = JSONValue.object(["errcode": .string(error.errcode), "error": .string(error.message)])
            return .json(status: .badRequest, body: payload.serialized)
        }
        do {
            if case .stored(let messages) = try matrix.ingest(txnID: txnID, events: events) {
                metrics.countInbound(channel: MatrixIngest.channel, count: messages)
                onCommit()
            }
        } catch {
            return storageFailure(error)
        }
        homeserverIsBack()
        return .json(body: "{}")
    }

    /// The homeserver reached us: replies waiting out a backoff are retried now (after an outage, Synapse pushes
    /// transactions again before the outbox's next attempt). A failure here changes nothing for the request.
    private func homeserverIsBack() {
        do {
            if try matrix.homeserverIsBack() { onCommit() }
        } catch {
            Log.error("outbox: could not retry after the homeserver came back: \(error)")
        }
    }

    // MARK: - Email

    private func emailHook(_ request: HTTPRequest) -> HTTPResponse {
        guard let email else { return notFound() }
        let result = email.handle(request)
        if result.stored {
            metrics.countInbound(channel: EmailIngest.channel, count: 1)
            onCommit()
        }
        return result.response
    }

    // MARK: - Operations

    private func health() -> HTTPResponse {
        do {
            _ = try pipeline.database.read { try $0.query("SELECT 1 AS ok") }
            return .text("ok\n")
        } catch {
            return storageFailure(error)
        }
    }

    private func metricsPage() -> HTTPResponse {
        var text = metrics.render()
        if let statistics = try? pipeline.database.read({ try OutboxRepository($0).statistics(now: pipeline.clock.now()) }) {
            text += "# TYPE tandem_outbox_queued gauge\n"
            text += statistics.map { "tandem_outbox_queued{channel=\"\($0.channel)\"} \($0.queued)" }.joined(separator: "\n")
            text += "\n# TYPE tandem_outbox_oldest_age_seconds gauge\n"
            text += statistics.map { "tandem_outbox_oldest_age_seconds{channel=\"\($0.channel)\"} \($0.oldestAge / 1000)" }
                .joined(separator: "\n")
            text += "\n# TYPE tandem_outbox_dead gauge\n"
            text += statistics.map { "tandem_outbox_dead{channel=\"\($0.channel)\"} \($0.dead)" }.joined(separator: "\n")
            text += "\n"
        }
        var response = HTTPResponse.text(text)
        response.headers.set(name: "Content-Type", value: "text/plain; version=0.0.4; charset=utf-8")
        return response
    }

    /// Nothing was stored: 503 (the sender retries) when the disk or database is unavailable, else 500.
    /// Never internals in the body.
    private func storageFailure(_ error: any Error) -> HTTPResponse {
        Log.error("request failed: \(error)")
        if let store = error as? StoreError, store.isStorageUnavailable || store.isBusy {
            return .json(status: .serviceUnavailable, body: #"{"errcode":"M_UNKNOWN","error":"Storage unavailable"}"#)
        }
        return .json(status: .internalServerError, body: #"{"errcode":"M_UNKNOWN","error":"Internal error"}"#)
    }

    private func methodNotAllowed() -> HTTPResponse {
        .json(status: .methodNotAllowed, body: #"{"errcode":"M_UNRECOGNIZED","error":"Method not allowed"}"#)
    }

    private func notFound() -> HTTPResponse {
        .json(status: .notFound, body: #"{"errcode":"M_UNRECOGNIZED","error":"Unrecognized request"}"#)
    }
}

import Channels
import Foundation
import HTTP
import Store

/// Tandem's HTTP endpoints: `/healthz`, `/metrics`, and each channel's routes (``ChannelRoute``: the Matrix
/// application-service API, the email webhooks, any registered channel's).
public struct Routes: Sendable {
    public let pipeline: Pipeline
    /// The channels' routes; a path belongs to the first that owns it.
    public let channels: [ChannelRoute]
    public let metrics: ServiceMetrics
    /// Called after a commit that may have queued outbox rows.
    public let onCommit: @Sendable () -> Void

    public init(
        pipeline: Pipeline, channels: [ChannelRoute], metrics: ServiceMetrics,
        onCommit: @escaping @Sendable () -> Void = {}
    ) {
        self.pipeline = pipeline
        self.channels = channels
        self.metrics = metrics
        self.onCommit = onCommit
    }

    /// The built-in channels' routes: the appservice API and, when given, the email webhooks.
    public init(pipeline: Pipeline, matrix: MatrixIngest, hsToken: String, metrics: ServiceMetrics,
                email: EmailWebhook? = nil, onCommit: @escaping @Sendable () -> Void = {}) {
        let routes = [MatrixRoutes(ingest: matrix, hsToken: hsToken).route] + (email.map { [$0.route] } ?? [])
        self.init(pipeline: pipeline, channels: routes, metrics: metrics, onCommit: onCommit)
    }

    /// The body limit of routes nobody authenticates for (`/healthz`, `/metrics`, unknown paths): they take no body.
    public static let publicMaxBodyBytes = 4 << 10

    /// Body limits per route, checked from the request head before any body is read.
    public func maxBodyBytes(method: String, path: String) -> Int {
        channel(owning: path)?.maxBodyBytes(path) ?? Self.publicMaxBodyBytes
    }

    /// How each route authenticates, decided from the request head before any body byte is read: as its channel
    /// says (the appservice API by the homeserver's token, the email routes as ``EmailWebhook/admission(_:)``
    /// says); `/healthz`, `/metrics` and unknown paths are public, with small bodies only (``publicMaxBodyBytes``).
    public func admission(_ head: HTTPRequestHead) -> HTTPAdmission {
        channel(owning: head.path)?.admission(head) ?? .unauthenticated
    }

    /// Answers one request. Never throws: every failure becomes a status the sender understands.
    public func handle(_ request: HTTPRequest) -> HTTPResponse {
        let (route, response) = dispatch(request)
        metrics.countRequest(route: route, status: response.status.code)
        return response
    }

    /// The route a path belongs to, as logged and counted: a fixed name, never the caller's text (a path may carry
    /// what a misconfigured sender put in it, e.g. a secret).
    public func route(of path: String) -> String {
        if path == "/healthz" || path == "/metrics" { return path }
        return channel(owning: path)?.name(path) ?? "other"
    }

    private func channel(owning path: String) -> ChannelRoute? {
        channels.first { $0.owns(path) }
    }

    private func dispatch(_ request: HTTPRequest) -> (String, HTTPResponse) {
        let path = request.path
        let route = route(of: path)
        if path == "/healthz" {
            return (route, request.method == "GET" || request.method == "HEAD" ? health() : Self.methodNotAllowed())
        }
        if path == "/metrics" {
            return (route, request.method == "GET" ? metricsPage() : Self.methodNotAllowed())
        }
        guard let channel = channel(owning: path) else { return (route, Self.notFound()) }
        let events = ChannelRouteEvents(channel: channel.channel, metrics: metrics, onCommit: onCommit)
        return (route, channel.handle(request, events))
    }

    // MARK: - Operations

    private func health() -> HTTPResponse {
        do {
            _ = try pipeline.database.read { try $0.query("SELECT 1 AS ok") }
            return .text("ok\n")
        } catch {
            return Self.storageFailure(error)
        }
    }

    private func metricsPage() -> HTTPResponse {
        var text = metrics.render() + metrics.histograms(of: pipeline.database)
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
    static func storageFailure(_ error: any Error) -> HTTPResponse {
        Log.error("request failed: \(error)")
        if let store = error as? StoreError, store.isStorageUnavailable || store.isBusy {
            return .json(status: .serviceUnavailable, body: #"{"errcode":"M_UNKNOWN","error":"Storage unavailable"}"#)
        }
        return .json(status: .internalServerError, body: #"{"errcode":"M_UNKNOWN","error":"Internal error"}"#)
    }

    static func methodNotAllowed() -> HTTPResponse {
        .json(status: .methodNotAllowed, body: #"{"errcode":"M_UNRECOGNIZED","error":"Method not allowed"}"#)
    }

    static func notFound() -> HTTPResponse {
        .json(status: .notFound, body: #"{"errcode":"M_UNRECOGNIZED","error":"Unrecognized request"}"#)
    }
}

import Channels
import HTTP
import Service
import Store

/// `POST /hooks/pigeon` with `Authorization: Bearer TOKEN` and `{"ring": "…", "from": "…", "text": "…"}`: the
/// message is recorded by its ring number in the channel's own table and processed in the same transaction.
struct PigeonWebhook: Sendable {
    static let path = "/hooks/pigeon"
    let pipeline: Pipeline
    let token: String
    /// `pigeon.max_bytes`: the largest body read.
    let maxBytes: Int

    var route: ChannelRoute {
        ChannelRoute(
            channel: .pigeon, owns: { $0 == Self.path }, name: { _ in Self.path },
            maxBodyBytes: { [maxBytes] _ in maxBytes },
            admission: { head in
                head.headers["authorization"] == "Bearer \(token)" && !token.isEmpty
                    ? .authenticated : .refuse(.json(status: .unauthorized, body: #"{"error":"unauthorized"}"#))
            },
            handle: handle)
    }

    private func handle(_ request: HTTPRequest, events: ChannelRouteEvents) -> HTTPResponse {
        guard let body = JSONValue.parse(request.body), let ring = body["ring"]?.string,
              let sender = body["from"]?.string, let text = body["text"]?.string
        else { return .json(status: .badRequest, body: #"{"error":"ring, from and text"}"#) }
        let message = InboundMessage(channel: .pigeon, externalID: ring, sender: sender, text: text)
        do {
            let now = pipeline.clock.now()
            let stored = try pipeline.database.write { connection in
                try connection.run(
                    "INSERT OR IGNORE INTO pigeon_messages (ring, received_at) VALUES (?, ?)", [ring, now])
                guard connection.changes == 1 else { return false }
                _ = try pipeline.process(message, in: connection, now: now)
                return true
            }
            guard stored else { return .json(body: #"{"status":"duplicate"}"#) }
            events.stored(1)
            return .json(body: #"{"status":"stored"}"#)
        } catch {
            return .json(status: .internalServerError, body: #"{"error":"internal"}"#)
        }
    }
}

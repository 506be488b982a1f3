import Channels
import Crypto
import Store

/// Delivers Matrix outbox rows: joins for invites, notices for replies. The send txnId is derived from the row
/// id, so a resend after a crash is de-duplicated by the homeserver.
public struct MatrixTransport: OutboxTransport {
    public let channel = MatrixIngest.channel
    public let client: MatrixClient
    public let database: Database

    public init(client: MatrixClient, database: Database) {
        self.client = client
        self.database = database
    }

    public func deliver(_ message: OutboxMessage) -> DeliveryResult {
        let response: HTTPClientResponse
        do {
            switch message.kind {
            case .join: response = try client.join(message.address)
            case .message: response = try client.sendNotice(message.body, to: message.address, txnID: "tandem-\(message.id)")
            }
        } catch {
            return .retry(afterMilliseconds: nil, reason: "\(error)")
        }
        switch response.status {
        case 200..<300:
            if message.kind == .join {
                try? database.write { try MatrixRepository($0).markJoined(message.address, now: Clock.system.now()) }
            }
            return .delivered
        case 429:
            return .retry(afterMilliseconds: Self.retryAfter(response), reason: "429 rate limited")
        case 408, 500...:
            return .retry(afterMilliseconds: nil, reason: "HTTP \(response.status)")
        default:
            let errcode = JSONValue.parse(response.body)?["errcode"]?.string ?? "HTTP \(response.status)"
            return .reject(reason: "\(errcode) (\(response.status))")
        }
    }

    /// `Retry-After` seconds, else the deprecated `retry_after_ms` in the body.
    static func retryAfter(_ response: HTTPClientResponse) -> Int64? {
        if let header = response.header("retry-after"), let seconds = Int64(header.trimmingCharacters(in: .whitespaces)) {
            return seconds * 1000
        }
        return JSONValue.parse(response.body)?["retry_after_ms"]?.int.map(Int64.init)
    }
}

extension MatrixClient {
    /// The client for the configured homeserver, or nil when Matrix is not configured.
    public init?(configuration: Configuration) {
        guard !configuration.matrixHomeserverURL.isEmpty, !configuration.matrixASToken.isEmpty else { return nil }
        self.init(homeserver: configuration.matrixHomeserverURL, asToken: configuration.matrixASToken)
    }

    /// Downloads a message's file and names it by content hash. Its media type comes from its first bytes, never
    /// from the sender's `info.mimetype` (a PNG sent as "application/pdf" is stored as image/png).
    public func fetch(_ media: MatrixMedia) -> MatrixIngest.FetchedMedia? {
        guard let bytes = download(media.url) else { return nil }
        return MatrixIngest.FetchedMedia(
            bytes: bytes, sha256: SHA256.hex(bytes), mediaType: MIMEMediaSniffer.mediaType(of: bytes))
    }
}

import Channels
import Crypto
import Foundation
import HTTP
import Store

/// The inbound email endpoints:
///
/// - `POST /hooks/email`: the raw message as the body (`Content-Type: message/rfc822`), with
///   `Authorization: Bearer <email.webhook_secret>` — from a Postfix/Exim pipe (`curl --data-binary @-`),
///   Cloudflare Email Workers, or any provider that forwards raw MIME.
/// - `POST /hooks/email/mailgun/mime`: a Mailgun route forwarding to a URL ending in `mime` (form fields
///   `body-mime`, `timestamp`, `token`, `signature`; urlencoded or multipart), signed with
///   `email.mailgun_signing_key`, timestamps at most five minutes old.
///
/// Wrong or missing credentials: 401 and nothing stored. 200 once the message is stored — also for mail that is
/// refused for good (unparseable, automated, from Tandem itself), which is recorded and not processed, so
/// providers do not retry it. 503 when storage is unavailable (the provider retries).
public struct EmailWebhook: Sendable {
    /// The raw-message route.
    public static let rawPath = "/hooks/email"
    /// The Mailgun route.
    public static let mailgunPath = "/hooks/email/mailgun/mime"
    /// The largest raw message accepted (what the big providers accept, and the MIME parser's limit).
    public static let maxMessageBytes = 25 << 20
    /// The largest Mailgun form: a urlencoded message grows when bytes are percent-encoded.
    public static let maxFormBytes = 2 * maxMessageBytes + (1 << 20)

    public let ingest: EmailIngest
    /// `email.webhook_secret`; empty refuses every raw-message request.
    public let secret: String
    /// `email.mailgun_signing_key`; empty refuses every Mailgun request.
    public let mailgunSigningKey: String

    /// What became of one request: the response, and whether a commit may have queued outbox rows.
    public struct Result: Sendable {
        public let response: HTTPResponse
        public let stored: Bool
    }

    public init(ingest: EmailIngest, secret: String, mailgunSigningKey: String) {
        self.ingest = ingest
        self.secret = secret
        self.mailgunSigningKey = mailgunSigningKey
    }

    /// The body limit for `path` (checked before the body is read), or nil when the path is not an email route.
    public static func maxBodyBytes(path: String) -> Int? {
        switch path {
        case rawPath: maxMessageBytes + (64 << 10)
        case mailgunPath: maxFormBytes
        default: nil
        }
    }

    /// Answers a request to an email route.
    public func handle(_ request: HTTPRequest) -> Result {
        guard request.path == Self.rawPath || request.path == Self.mailgunPath else {
            return Result(response: Self.reply(.notFound, #"{"error":"not found"}"#), stored: false)
        }
        guard request.method == "POST" else {
            return Result(response: Self.reply(.methodNotAllowed, #"{"error":"use POST"}"#), stored: false)
        }
        let raw: [UInt8]
        if request.path == Self.rawPath {
            guard isAuthorized(request.headers["authorization"]) else { return Self.unauthorized }
            raw = request.body
        } else {
            switch mailgunMessage(request) {
            case .message(let mime): raw = mime
            case .refused(let result): return result
            }
        }
        guard raw.count <= Self.maxMessageBytes else {
            return Result(response: Self.reply(.contentTooLarge, #"{"error":"message too large"}"#), stored: false)
        }
        do {
            switch try ingest.ingest(raw: raw) {
            case .processed:
                return Result(response: Self.reply(.ok, #"{"status":"stored"}"#), stored: true)
            case .ignored(let reason):
                let body = JSONValue.object(["status": .string("ignored"), "reason": .string(reason)]).serialized
                return Result(response: .json(status: .ok, body: body), stored: false)
            case .duplicate:
                return Result(response: Self.reply(.ok, #"{"status":"duplicate"}"#), stored: false)
            }
        } catch {
            return Self.failure(error)
        }
    }

    /// Nothing was stored: 503 (the sender retries) when the disk or database is unavailable, else 500.
    static func failure(_ error: any Error) -> Result {
        Log.error("email webhook: \(error)")
        if let store = error as? StoreError, store.isStorageUnavailable || store.isBusy {
            return Result(response: reply(.serviceUnavailable, #"{"error":"storage unavailable"}"#), stored: false)
        }
        return Result(response: reply(.internalServerError, #"{"error":"internal error"}"#), stored: false)
    }

    /// `Bearer <secret>`, compared in constant time; an unset secret authorizes nothing.
    func isAuthorized(_ header: String?) -> Bool {
        guard !secret.isEmpty, let header, header.lowercased().hasPrefix("bearer ") else { return false }
        let presented = String(header.dropFirst("bearer ".count)).trimmingCharacters(in: .whitespaces)
        return ConstantTime.equals(presented, secret)
    }

    static var unauthorized: Result {
        var response = reply(.unauthorized, #"{"error":"unauthorized"}"#)
        response.headers.set(name: "WWW-Authenticate", value: "Bearer")
        return Result(response: response, stored: false)
    }

    static func reply(_ status: HTTPStatus, _ body: String) -> HTTPResponse {
        .json(status: status, body: body)
    }
}

import Crypto
import Foundation

/// Tandem's side of the Matrix client-server API, authenticated with the application service's `as_token`:
/// join rooms, send notices and files, fetch and upload media.
public struct MatrixClient: Sendable {
    public let homeserver: String
    private let asToken: String
    /// The bot's user ID (`@tandem:example.org`), named as `user_id` on uploads; nil leaves it to the homeserver
    /// (the appservice's own user).
    public let userID: String?
    private let http: HTTPClient
    /// Files larger than this are not downloaded.
    public let maxMediaBytes: Int

    public init(
        homeserver: String, asToken: String, userID: String? = nil, maxMediaBytes: Int = 10 << 20,
        http: HTTPClient = HTTPClient()
    ) {
        self.homeserver = homeserver.hasSuffix("/") ? String(homeserver.dropLast()) : homeserver
        self.asToken = asToken
        self.userID = userID
        self.http = http
        self.maxMediaBytes = maxMediaBytes
    }

    /// `POST /_matrix/client/v3/join/{roomId}`.
    public func join(_ roomID: String) throws(HTTPClientError) -> HTTPClientResponse {
        try call("POST", "/_matrix/client/v3/join/\(Self.escape(roomID))", body: .object([:]))
    }

    /// `POST /_matrix/client/v3/createRoom`: a direct chat with `userID` (invited, `is_direct`, a private room whose
    /// invitees have the creator's power, as Element makes them); a 200 answer carries its `room_id`.
    public func createDirectRoom(with userID: String) throws(HTTPClientError) -> HTTPClientResponse {
        try call("POST", "/_matrix/client/v3/createRoom", body: .object([
            "preset": .string("trusted_private_chat"), "is_direct": .bool(true),
            "invite": .array([.string(userID)]),
        ]))
    }

    /// `PUT /_matrix/client/v3/user/{botId}/account_data/m.direct`: the bot's direct chats, user ID → room IDs (so
    /// clients that read it see them as direct chats).
    public func setDirectRooms(_ rooms: [String: [String]]) throws(HTTPClientError) -> HTTPClientResponse {
        let content = JSONValue.object(rooms.mapValues { .array($0.map(JSONValue.string)) })
        return try call(
            "PUT", "/_matrix/client/v3/user/\(Self.escape(userID ?? ""))/account_data/m.direct", body: content)
    }

    /// `GET /_matrix/client/v3/rooms/{roomId}/members?not_membership=leave`: the room's `m.room.member` state
    /// events (`{"chunk": [...]}`) of everyone joined, invited, banned or knocking.
    public func members(_ roomID: String) throws(HTTPClientError) -> HTTPClientResponse {
        try call("GET", "/_matrix/client/v3/rooms/\(Self.escape(roomID))/members?not_membership=leave", body: nil)
    }

    /// The memberships (user ID → `join`, `invite`, …) in a `members` answer; nil when it is not one.
    public static func memberships(_ response: HTTPClientResponse) -> [String: String]? {
        guard response.status == 200, let chunk = JSONValue.parse(response.body)?["chunk"]?.array else { return nil }
        var memberships: [String: String] = [:]
        for event in chunk {
            guard event["type"]?.string == "m.room.member", let user = event["state_key"]?.string,
                  let membership = event["content"]?["membership"]?.string, MatrixUserID.isValid(user) else { continue }
            memberships[user] = membership
        }
        return memberships
    }

    /// `PUT /_matrix/client/v3/rooms/{roomId}/send/m.room.message/{txnId}` with an `m.notice`; the txnId makes a
    /// resend after a crash a no-op at the homeserver.
    public func sendNotice(_ text: String, to roomID: String, txnID: String) throws(HTTPClientError) -> HTTPClientResponse {
        try call(
            "PUT", "/_matrix/client/v3/rooms/\(Self.escape(roomID))/send/m.room.message/\(Self.escape(txnID))",
            body: Self.noticeContent(text))
    }

    /// An `m.notice`'s content: the text, and the same as simple HTML.
    public static func noticeContent(_ text: String) -> JSONValue {
        .object([
            "msgtype": .string("m.notice"), "body": .string(text),
            "format": .string("org.matrix.custom.html"), "formatted_body": .string(html(text)),
        ])
    }

    /// `PUT /_matrix/client/v3/rooms/{roomId}/redact/{eventId}/{txnId}`: removes a message's content from the room.
    public func redact(_ eventID: String, in roomID: String, reason: String, txnID: String) throws(HTTPClientError)
        -> HTTPClientResponse
    {
        try call(
            "PUT",
            "/_matrix/client/v3/rooms/\(Self.escape(roomID))/redact/\(Self.escape(eventID))/\(Self.escape(txnID))",
            body: .object(["reason": .string(reason)]))
    }

    /// `POST /_matrix/media/v3/upload?filename=…&user_id=…`: stores a file on the homeserver; a 200 answer carries
    /// its `content_uri` (`mxc://…`).
    public func upload(_ bytes: [UInt8], filename: String, contentType: String) throws(HTTPClientError)
        -> HTTPClientResponse
    {
        var query = "filename=\(Self.escape(filename))"
        if let userID { query += "&user_id=\(Self.escape(userID))" }
        return try http.send(HTTPClientRequest(
            method: "POST", url: homeserver + "/_matrix/media/v3/upload?" + query,
            headers: [("Authorization", "Bearer \(asToken)"), ("Content-Type", contentType)], body: bytes,
            timeout: .seconds(60)))
    }

    /// `PUT …/send/m.room.message/{txnId}` with an `m.file` for an uploaded file: its name as the body, its
    /// `mxc://` URI, media type (without parameters) and size.
    public func sendFile(
        _ filename: String, contentURI: String, mediaType: String, size: Int, to roomID: String, txnID: String
    ) throws(HTTPClientError) -> HTTPClientResponse {
        let mimetype = mediaType.split(separator: ";").first.map { $0.trimmingCharacters(in: .whitespaces) } ?? ""
        let content = JSONValue.object([
            "msgtype": .string("m.file"), "body": .string(filename), "filename": .string(filename),
            "url": .string(contentURI),
            "info": .object(["mimetype": .string(mimetype), "size": .integer(size)]),
        ])
        return try call(
            "PUT", "/_matrix/client/v3/rooms/\(Self.escape(roomID))/send/m.room.message/\(Self.escape(txnID))",
            body: content)
    }

    /// Downloads an `mxc://server/id` file with the authenticated media API, size-capped; nil on any failure.
    public func download(_ mxc: String) -> [UInt8]? {
        guard mxc.hasPrefix("mxc://") else { return nil }
        let parts = mxc.dropFirst("mxc://".count).split(separator: "/", maxSplits: 1).map(String.init)
        guard parts.count == 2 else { return nil }
        let path = "/_matrix/client/v1/media/download/\(Self.escape(parts[0]))/\(Self.escape(parts[1]))"
        let request = HTTPClientRequest(
            method: "GET", url: homeserver + path, headers: [("Authorization", "Bearer \(asToken)")], body: [],
            timeout: .seconds(30), maxResponseBytes: maxMediaBytes)
        guard let response = try? http.send(request), response.status == 200 else { return nil }
        return response.body
    }

    private func call(_ method: String, _ path: String, body: JSONValue?) throws(HTTPClientError)
        -> HTTPClientResponse
    {
        var headers = [("Authorization", "Bearer \(asToken)")]
        if body != nil { headers.append(("Content-Type", "application/json")) }
        return try http.send(HTTPClientRequest(
            method: method, url: homeserver + path, headers: headers, body: body?.serialized ?? [],
            timeout: .seconds(30)))
    }

    /// Percent-encodes one path segment (room IDs have no fixed shape: never parse them, always escape them).
    /// Every byte but RFC 3986's unreserved ASCII (letters, digits, `-._~`) is escaped, a non-ASCII letter too.
    static func escape(_ segment: String) -> String {
        PercentEncoding.encode(segment) { PercentEncoding.isAlphanumeric($0) || "-._~".utf8.contains($0) }
    }

    /// The text as simple HTML: escaped, line breaks kept.
    static func html(_ text: String) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count + 16)
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "&"): out.append(contentsOf: "&amp;".utf8)
            case UInt8(ascii: "<"): out.append(contentsOf: "&lt;".utf8)
            case UInt8(ascii: ">"): out.append(contentsOf: "&gt;".utf8)
            case UInt8(ascii: "\n"): out.append(contentsOf: "<br>".utf8)
            default: out.append(byte)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}

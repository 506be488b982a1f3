/// A complete HTTP request: head and body.
public struct HTTPRequest: Sendable, Equatable {
    /// The method, e.g. `GET` or `POST` (case-sensitive, as sent).
    public var method: String
    /// The path part of the request target, still percent-encoded (e.g. `/hooks/email`).
    public var path: String
    /// The query string after `?`, without the `?`; `nil` when the target has no `?`.
    public var query: String?
    /// The protocol version.
    public var version: HTTPVersion
    /// The header fields in the order received; look up with `headers["content-type"]` (case-insensitive).
    public var headers: HTTPHeaders
    /// Trailer fields of a chunked body (usually empty). Kept apart from `headers` on purpose.
    public var trailers: HTTPHeaders
    /// The body (de-chunked), empty when there is none.
    public var body: [UInt8]
    /// Whether the client allows the connection to stay open after the response.
    public var keepAlive: Bool

    /// Creates a request.
    public init(
        method: String, path: String, query: String? = nil, version: HTTPVersion = .http1_1,
        headers: HTTPHeaders = [:], trailers: HTTPHeaders = [:], body: [UInt8] = [], keepAlive: Bool = true
    ) {
        self.method = method
        self.path = path
        self.query = query
        self.version = version
        self.headers = headers
        self.trailers = trailers
        self.body = body
        self.keepAlive = keepAlive
    }

    /// Creates a request from a parsed head and a body.
    public init(head: HTTPRequestHead, body: [UInt8], trailers: HTTPHeaders = [:]) {
        self.init(
            method: head.method, path: head.path, query: head.query, version: head.version,
            headers: head.headers, trailers: trailers, body: body, keepAlive: head.keepAlive)
    }

    /// The body decoded as UTF-8 (invalid sequences are replaced).
    public var bodyText: String { String(decoding: body, as: UTF8.self) }
}

/// The parsed head of a request (request line and header fields), available before its body has been read.
public struct HTTPRequestHead: Sendable, Equatable {
    /// The method, e.g. `GET` (case-sensitive, as sent).
    public var method: String
    /// The path part of the request target, still percent-encoded (e.g. `/hooks/email`).
    ///
    /// For the asterisk form (`OPTIONS *`) this is `*`; for the absolute form the scheme and authority are removed.
    public var path: String
    /// The query string after `?`, without the `?`; `nil` when the target has no `?`.
    public var query: String?
    /// The protocol version (1.0 or 1.1; anything else is rejected by the parser).
    public var version: HTTPVersion
    /// The header fields, in order.
    public var headers: HTTPHeaders
    /// Whether the connection may stay open after this request's response
    /// (HTTP/1.1 unless `Connection: close`; HTTP/1.0 only with `Connection: keep-alive`).
    public var keepAlive: Bool
    /// Whether the client is waiting for `HTTP/1.1 100 Continue` before sending the body.
    ///
    /// Only `true` for HTTP/1.1 requests with `Expect: 100-continue` that have a body which is within the limit
    /// (a body over the limit makes the parser fail with 413 instead).
    public var expectsContinue: Bool

    /// Creates a request head.
    public init(
        method: String, path: String, query: String? = nil, version: HTTPVersion = .http1_1,
        headers: HTTPHeaders = [:], keepAlive: Bool = true, expectsContinue: Bool = false
    ) {
        self.method = method
        self.path = path
        self.query = query
        self.version = version
        self.headers = headers
        self.keepAlive = keepAlive
        self.expectsContinue = expectsContinue
    }
}

/// A request for ``HTTPClient``.
///
/// `description` (and so string interpolation) shows the method, the URL without its query and only the header
/// *names*, so a request can be logged without leaking the `Authorization` token.
public struct HTTPClientRequest: Sendable, CustomStringConvertible {
    /// The method, e.g. `GET`, `PUT` (an RFC 9110 token; sent as given).
    public var method: String
    /// An absolute `http://` or `https://` URL, already percent-encoded.
    public var url: String
    /// Header fields to send, in order, e.g. `[("Authorization", "Bearer …"), ("Content-Type", "application/json")]`.
    /// `Content-Length` and `Transfer-Encoding` are refused (the client frames the body); an empty value sends
    /// the field with no value.
    public var headers: [(String, String)]
    /// The body; sent (with `Content-Length`) when non-empty, and always for `POST`, `PUT` and `PATCH`.
    public var body: [UInt8]
    /// Limit for the whole exchange, connecting included. Must be positive.
    public var timeout: Duration
    /// The largest response body accepted, or `nil` for the client's ``HTTPClient/maxResponseBytes``.
    public var maxResponseBytes: Int?

    /// Creates a request.
    public init(
        method: String = "GET", url: String, headers: [(String, String)] = [], body: [UInt8] = [],
        timeout: Duration = .seconds(30), maxResponseBytes: Int? = nil
    ) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
        self.timeout = timeout
        self.maxResponseBytes = maxResponseBytes
    }

    public var description: String {
        let withoutQuery = url.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
        let names = headers.map(\.0).joined(separator: ", ")
        return "\(method) \(withoutQuery) [headers: \(names)] (\(body.count) body bytes)"
    }
}

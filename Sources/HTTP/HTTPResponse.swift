/// An HTTP response produced by a handler.
///
/// The server always writes `Content-Length` itself (from `body`) and manages `Connection`; any
/// `Content-Length`, `Transfer-Encoding` or `Connection` set here is ignored, except that
/// `Connection: close` makes the server close the connection after this response.
public struct HTTPResponse: Sendable, Equatable {
    /// The status.
    public var status: HTTPStatus
    /// The header fields, in order.
    public var headers: HTTPHeaders
    /// The body bytes (not written for `HEAD` requests, but still counted in `Content-Length`).
    public var body: [UInt8]

    /// Creates a response.
    public init(status: HTTPStatus = .ok, headers: HTTPHeaders = [:], body: [UInt8] = []) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// A response with a JSON body (`Content-Type: application/json; charset=utf-8`).
    public static func json(status: HTTPStatus = .ok, body: String) -> HTTPResponse {
        json(status: status, body: Array(body.utf8))
    }

    /// A response with already-encoded JSON bytes (`Content-Type: application/json; charset=utf-8`).
    public static func json(status: HTTPStatus = .ok, body: [UInt8]) -> HTTPResponse {
        HTTPResponse(status: status, headers: ["Content-Type": "application/json; charset=utf-8"], body: body)
    }

    /// A plain-text response (`Content-Type: text/plain; charset=utf-8`).
    public static func text(status: HTTPStatus = .ok, _ text: String) -> HTTPResponse {
        HTTPResponse(status: status, headers: ["Content-Type": "text/plain; charset=utf-8"], body: Array(text.utf8))
    }

    /// A plain-text response whose body is the status line's reason phrase, e.g. `404 Not Found`.
    public static func status(_ status: HTTPStatus) -> HTTPResponse {
        status.forbidsBody ? HTTPResponse(status: status) : text(status: status, status.description + "\n")
    }
}

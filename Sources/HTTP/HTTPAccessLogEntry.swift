/// One answered request, reported to the server's access-log hook.
///
/// It deliberately carries no headers, query string or body, so tokens and personal data cannot leak into logs.
public struct HTTPAccessLogEntry: Sendable, Equatable {
    /// The request method; empty when the request line could not be parsed, or for a connection refused with
    /// 503 because the server was at ``HTTPServerConfiguration/maxConnections``.
    public var method: String
    /// The request path without query string; empty when the method is.
    public var path: String
    /// The status sent (including error statuses such as 400, 408, 413 written by the server itself).
    public var status: HTTPStatus
    /// Microseconds from the request's first byte arriving to its response being written.
    public var durationMicroseconds: Int64
    /// Of those, microseconds before a handler started on it (the rest of the request arriving, then waiting for a
    /// worker thread); 0 for an answer the server wrote itself.
    public var waitedMicroseconds: Int64

    /// Creates an entry.
    public init(
        method: String, path: String, status: HTTPStatus, durationMicroseconds: Int64, waitedMicroseconds: Int64 = 0
    ) {
        self.method = method
        self.path = path
        self.status = status
        self.durationMicroseconds = durationMicroseconds
        self.waitedMicroseconds = waitedMicroseconds
    }
}

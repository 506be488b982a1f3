/// What a route makes of a request from its head alone, before any body byte is read.
///
/// ``HTTPServer`` asks once per request, as soon as the head is parsed (and after the route's body limit from
/// ``HTTPLimits/maxBodyBytes`` has been checked against `Content-Length`). A route that authenticates from headers
/// answers ``authenticated`` or ``refuse(_:)``, so a caller without credentials never gets to send a body; a public
/// route, or one that can only authenticate from its body (a signature inside a form), answers ``unauthenticated``.
public enum HTTPAdmission: Sendable, Equatable {
    /// The head carries valid credentials: the body is read, up to the route's limit.
    case authenticated
    /// Nobody has proven who they are yet: the body is read only while it fits in the server's budget for such
    /// bodies (``HTTPServerConfiguration/maxUnauthenticatedBodyBytes``); otherwise the server answers
    /// `503 Service Unavailable` with `Retry-After` without reading it.
    case unauthenticated
    /// Answer this at once, without reading the body or calling the handler, and close the connection.
    case refuse(HTTPResponse)
}

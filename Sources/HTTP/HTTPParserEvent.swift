/// What ``HTTPRequestParser/next()`` produced.
public enum HTTPParserEvent: Sendable, Equatable {
    /// The head of a request is complete; its body (if any) follows. Always precedes `.request`.
    /// If `head.expectsContinue`, a server should now write `HTTP/1.1 100 Continue`.
    case head(HTTPRequestHead)
    /// A request is complete, body included.
    case request(HTTPRequest)
}

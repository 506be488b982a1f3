/// Why ``HTTPRequestParser`` rejected its input. Each case knows the response ``status`` to send;
/// after any of them the connection must be closed.
public enum HTTPParseError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The request line is not `method SP request-target SP HTTP-version`, or the method is not a token. 400.
    case malformedRequestLine
    /// The request target is not origin-form, absolute-form or `*`, or contains forbidden bytes. 400.
    case invalidRequestTarget
    /// The request line is longer than ``HTTPLimits/maxRequestLineBytes``. 414.
    case requestLineTooLong
    /// A well-formed version other than HTTP/1.0 or HTTP/1.1. 505.
    case unsupportedVersion
    /// A line ends with a bare LF, or a CR appears that is not followed by LF. 400.
    case invalidLineEnding
    /// A header (or trailer) field name is empty or not a token, or whitespace precedes the colon. 400.
    case invalidHeaderName
    /// A header (or trailer) field value contains NUL, CR, LF or another control character. 400.
    case invalidHeaderValue
    /// A field line starts with whitespace (obsolete line folding). 400.
    case obsoleteLineFolding
    /// The header (or trailer) section exceeds ``HTTPLimits/maxHeaderBytes``. 431.
    case headersTooLarge
    /// More fields than ``HTTPLimits/maxHeaderCount``. 431.
    case tooManyHeaders
    /// An HTTP/1.1 request without exactly one `Host` field. 400.
    case invalidHost
    /// `Content-Length` is not a non-negative decimal number, or several differing values were sent. 400.
    case invalidContentLength
    /// Both `Content-Length` and `Transfer-Encoding` were sent (a request smuggling vector). 400.
    case contentLengthWithTransferEncoding
    /// `Transfer-Encoding` is malformed, does not end in `chunked`, or was sent with HTTP/1.0. 400.
    case invalidTransferEncoding
    /// A transfer coding other than `chunked` (e.g. `gzip`). 501.
    case unsupportedTransferEncoding
    /// A chunk-size line is malformed or longer than ``HTTPLimits/maxChunkLineBytes``. 400.
    case invalidChunkSize
    /// Chunk data is not followed by CRLF. 400.
    case invalidChunkTerminator
    /// The body is larger than the route's limit (from `Content-Length`, or while reading chunks). 413.
    case bodyTooLarge(limit: Int)
    /// The chunked framing exceeds ``HTTPLimits/maxChunkedOverheadBytes``. 413.
    case chunkedOverheadTooLarge

    /// The status of the error response to send before closing the connection.
    public var status: HTTPStatus {
        switch self {
        case .requestLineTooLong: .uriTooLong
        case .unsupportedVersion: .httpVersionNotSupported
        case .headersTooLarge, .tooManyHeaders: .requestHeaderFieldsTooLarge
        case .unsupportedTransferEncoding: .notImplemented
        case .bodyTooLarge, .chunkedOverheadTooLarge: .contentTooLarge
        case .malformedRequestLine, .invalidRequestTarget, .invalidLineEnding, .invalidHeaderName,
            .invalidHeaderValue, .obsoleteLineFolding, .invalidHost, .invalidContentLength,
            .contentLengthWithTransferEncoding, .invalidTransferEncoding, .invalidChunkSize,
            .invalidChunkTerminator:
            .badRequest
        }
    }

    public var description: String {
        switch self {
        case .malformedRequestLine: "malformed request line"
        case .invalidRequestTarget: "invalid request target"
        case .requestLineTooLong: "request line too long"
        case .unsupportedVersion: "unsupported HTTP version"
        case .invalidLineEnding: "invalid line ending (bare CR or LF)"
        case .invalidHeaderName: "invalid header field name"
        case .invalidHeaderValue: "invalid header field value"
        case .obsoleteLineFolding: "obsolete line folding is not allowed"
        case .headersTooLarge: "header section too large"
        case .tooManyHeaders: "too many header fields"
        case .invalidHost: "missing or duplicate Host header"
        case .invalidContentLength: "invalid Content-Length"
        case .contentLengthWithTransferEncoding: "both Content-Length and Transfer-Encoding"
        case .invalidTransferEncoding: "invalid Transfer-Encoding"
        case .unsupportedTransferEncoding: "unsupported transfer coding"
        case .invalidChunkSize: "invalid chunk size line"
        case .invalidChunkTerminator: "chunk data not followed by CRLF"
        case .bodyTooLarge(let limit): "body larger than \(limit) bytes"
        case .chunkedOverheadTooLarge: "chunked framing too large"
        }
    }
}

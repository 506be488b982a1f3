internal import CCurl

/// Why ``HTTPClient/send(_:)`` produced no response. Descriptions never contain headers, bodies or URLs.
///
/// ``isRetryable`` separates failures worth retrying later with backoff (the server could not be reached or did
/// not answer in time) from those that will fail the same way again.
public enum HTTPClientError: Error, Sendable, Equatable, CustomStringConvertible, CurlFailure {
    /// The request was refused before sending: bad method, URL, header name or value (e.g. containing CR/LF),
    /// or a non-positive timeout.
    case invalidRequest(String)
    /// The server could not be reached, or the connection broke: name resolution, connect (refused,
    /// unreachable), TLS handshake, send/receive errors, an empty or cut-off reply. Retryable.
    case connectionFailed(curlCode: Int, message: String)
    /// The request's timeout (or the client's connect timeout) expired. Retryable.
    case timedOut(curlCode: Int, message: String)
    /// The response body (or its header section) was larger than the limit; the transfer was aborted.
    case responseTooLarge(limit: Int)
    /// Any other libcurl failure, e.g. an unsupported protocol, a malformed URL, a certificate that does not
    /// verify, or a malformed response.
    case transferFailed(curlCode: Int, message: String)
    /// libcurl could not be initialised or could not create a handle.
    case setupFailed(String)

    static func unavailable(_ reason: String) -> HTTPClientError { .setupFailed(reason) }

    static func optionRefused(_ option: CURLoption, _ code: CURLcode) -> HTTPClientError {
        .setupFailed(describe(option, code))
    }

    /// Whether trying the same request again later may succeed: ``connectionFailed(curlCode:message:)`` and
    /// ``timedOut(curlCode:message:)``.
    public var isRetryable: Bool {
        switch self {
        case .connectionFailed, .timedOut: true
        case .invalidRequest, .responseTooLarge, .transferFailed, .setupFailed: false
        }
    }

    /// The libcurl `CURLcode`, for the cases that come from a transfer.
    public var curlCode: Int? {
        switch self {
        case .connectionFailed(let code, _), .timedOut(let code, _), .transferFailed(let code, _): code
        case .invalidRequest, .responseTooLarge, .setupFailed: nil
        }
    }

    public var description: String {
        switch self {
        case .invalidRequest(let reason): "invalid HTTP request: \(reason)"
        case .connectionFailed(let code, let message): "HTTP connection failed: \(message) (curl \(code))"
        case .timedOut(let code, let message): "HTTP request timed out: \(message) (curl \(code))"
        case .responseTooLarge(let limit): "HTTP response larger than \(limit) bytes"
        case .transferFailed(let code, let message): "HTTP transfer failed: \(message) (curl \(code))"
        case .setupFailed(let reason): "HTTP client setup failed: \(reason)"
        }
    }
}

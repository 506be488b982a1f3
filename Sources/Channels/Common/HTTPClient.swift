internal import CCurl

/// A small synchronous HTTP/1.1 client over libcurl, used to call the Matrix homeserver.
///
/// Each ``send(_:)`` takes a libcurl easy handle (``CurlEasy``) from the client's pool of idle ones (or creates
/// one), resets it, and gives it back afterwards, so consecutive requests to the same host reuse its kept-alive
/// connection; up to `idleConnections` handles stay idle (one per parallel outbox delivery: fewer, and every
/// delivery beyond them opens and closes a connection of its own). Copies of a client share the pool. The
/// client is a `Sendable` value that any thread may use concurrently: a handle serves one transfer at a time, and
/// one whose transfer failed at the connection level (``HTTPClientError/isRetryable``) is freed, not kept. Every
/// status code is a response; ``HTTPClientError`` means no response was received.
///
/// Behaviour: only `http` and `https` (redirects are not followed, a 3xx is returned as is); TLS certificates
/// are verified (libcurl's defaults); `NOSIGNAL` is set so timeouts never raise signals; the response body is
/// capped (by `Content-Length` up front, and while streaming) and the transfer aborted beyond it; no
/// `Expect: 100-continue` round trip; no content decoding. Proxies from the environment (`https_proxy`, …)
/// apply as usual with libcurl. The client never logs anything, so tokens in headers cannot leak from here.
///
/// ```swift
/// let client = HTTPClient()
/// let response = try client.send(HTTPClientRequest(
///     method: "PUT", url: "https://matrix.example.org/_matrix/client/v3/…",
///     headers: [("Authorization", "Bearer \(token)"), ("Content-Type", "application/json")],
///     body: Array(#"{"msgtype":"m.notice","body":"hi"}"#.utf8), timeout: .seconds(30)))
/// if response.status == 429, let wait = response.header("retry-after") { … }
/// ```
public struct HTTPClient: Sendable {
    /// The default cap on response bodies: 4 MiB.
    public static let defaultMaxResponseBytes = 4 << 20

    /// The largest response body accepted when the request does not set its own limit.
    public var maxResponseBytes: Int
    /// Limit for establishing the connection (TCP and TLS); the request's own timeout still bounds the total.
    public var connectTimeout: Duration
    /// Sent as `User-Agent` unless the request sets one.
    public var userAgent: String
    /// Idle handles kept between requests, with their open connections.
    private let handles: CurlEasyPool

    /// Creates a client that keeps up to `idleConnections` connections open between requests.
    public init(
        maxResponseBytes: Int = HTTPClient.defaultMaxResponseBytes, connectTimeout: Duration = .seconds(10),
        userAgent: String = "Tandem", idleConnections: Int = 8
    ) {
        self.maxResponseBytes = maxResponseBytes
        self.connectTimeout = connectTimeout
        self.userAgent = userAgent
        self.handles = CurlEasyPool(capacity: idleConnections)
    }

    /// Performs `request` and returns the response, whatever its status.
    /// - Throws: ``HTTPClientError``; check ``HTTPClientError/isRetryable`` to decide whether to try again later.
    public func send(_ request: HTTPClientRequest) throws(HTTPClientError) -> HTTPClientResponse {
        let limit = request.maxResponseBytes ?? maxResponseBytes
        guard limit >= 0 else { throw .invalidRequest("negative response size limit") }
        let easy = try handles.take()
        do {
            let response = try send(request, limit: limit, on: easy)
            handles.giveBack(easy)
            return response
        } catch where !error.isRetryable {
            handles.giveBack(easy)
            throw error
        }  // a retryable error (the connection broke or hung) frees the handle rather than reuse it
    }

    /// Performs `request` on `easy`.
    private func send(
        _ request: HTTPClientRequest, limit: Int, on easy: CurlEasy<HTTPClientError>
    ) throws(HTTPClientError) -> HTTPClientResponse {
        try configure(easy, for: request, limit: limit)

        let transfer = HTTPClientTransfer(maxBodyBytes: limit)
        let userData = Unmanaged.passUnretained(transfer).toOpaque()
        try easy.set(CURLOPT_WRITEDATA, pointer: userData)
        try easy.set(CURLOPT_HEADERDATA, pointer: userData)
        try easy.set(CURLOPT_WRITEFUNCTION) { data, size, count, userData in
            guard let userData else { return 0 }
            let transfer = Unmanaged<HTTPClientTransfer>.fromOpaque(userData).takeUnretainedValue()
            let length = size * count
            return transfer.receiveBody(UnsafeRawBufferPointer(start: data, count: length)) ? length : 0
        }
        try easy.set(CURLOPT_HEADERFUNCTION) { data, size, count, userData in
            guard let userData else { return 0 }
            let transfer = Unmanaged<HTTPClientTransfer>.fromOpaque(userData).takeUnretainedValue()
            let length = size * count
            return transfer.receiveHeaderLine(UnsafeRawBufferPointer(start: data, count: length)) ? length : 0
        }

        let code = withExtendedLifetime(transfer) { easy.perform() }
        if transfer.exceededLimit || code == CURLE_FILESIZE_EXCEEDED {
            throw .responseTooLarge(limit: limit)
        }
        guard code == CURLE_OK else { throw Self.error(for: code) }
        return HTTPClientResponse(status: easy.responseCode(), headers: transfer.headers, body: transfer.body)
    }

    // MARK: - Configuration

    private func configure(
        _ easy: CurlEasy<HTTPClientError>, for request: HTTPClientRequest, limit: Int
    ) throws(HTTPClientError) {
        try Self.validate(request)
        let totalMilliseconds = Curl.milliseconds(request.timeout)
        guard totalMilliseconds > 0 else { throw .invalidRequest("timeout must be positive") }
        let connectMilliseconds = max(1, min(Curl.milliseconds(connectTimeout), totalMilliseconds))

        try easy.set(CURLOPT_URL, string: request.url)
        try easy.set(CURLOPT_PROTOCOLS_STR, string: "http,https")
        try easy.set(CURLOPT_REDIR_PROTOCOLS_STR, string: "http,https")
        try easy.set(CURLOPT_FOLLOWLOCATION, 0)
        try easy.set(CURLOPT_NOSIGNAL, 1)
        try easy.set(CURLOPT_TIMEOUT_MS, totalMilliseconds)
        try easy.set(CURLOPT_CONNECTTIMEOUT_MS, connectMilliseconds)
        if limit > 0 {  // 0 would mean "no limit" to libcurl; the write callback enforces it instead
            try easy.set(CURLOPT_MAXFILESIZE_LARGE, offset: Int64(limit))
        }

        let method = request.method
        let sendsBody = !request.body.isEmpty || ["POST", "PUT", "PATCH"].contains(method)
        switch method {
        case "HEAD":
            guard request.body.isEmpty else { throw .invalidRequest("HEAD request with a body") }
            try easy.set(CURLOPT_NOBODY, 1)
        case "GET" where !sendsBody:
            try easy.set(CURLOPT_HTTPGET, 1)
        case "POST":
            break  // COPYPOSTFIELDS below makes it a POST
        default:
            try easy.set(CURLOPT_CUSTOMREQUEST, string: method)
        }
        if sendsBody {
            try easy.setBody(request.body)
        }

        var lines = request.headers.map { name, value in value.isEmpty ? "\(name);" : "\(name): \(value)" }
        let names = Set(request.headers.map { $0.0.lowercased() })
        if !names.contains("expect") { lines.append("Expect:") }  // no 100-continue round trip
        if sendsBody && !names.contains("content-type") {
            lines.append("Content-Type:")  // not libcurl's default application/x-www-form-urlencoded
        }
        if !names.contains("user-agent") && !userAgent.isEmpty {
            try easy.set(CURLOPT_USERAGENT, string: userAgent)
        }
        try easy.set(CURLOPT_HTTPHEADER, list: lines)
    }

    /// Refuses what libcurl would silently mangle: control characters (header injection), bad tokens.
    private static func validate(_ request: HTTPClientRequest) throws(HTTPClientError) {
        guard !request.method.isEmpty, request.method.utf8.allSatisfy(isTokenCharacter) else {
            throw .invalidRequest("method is not a token")
        }
        guard !request.url.isEmpty, !request.url.utf8.contains(where: { $0 <= 0x20 || $0 == 0x7F }) else {
            throw .invalidRequest("URL is empty or contains spaces or control characters")
        }
        for (name, value) in request.headers {
            guard !name.isEmpty, name.utf8.allSatisfy(isTokenCharacter) else {
                throw .invalidRequest("header name is not a token")
            }
            guard !value.utf8.contains(where: { ($0 < 0x20 && $0 != 0x09) || $0 == 0x7F }) else {
                throw .invalidRequest("header \(name) contains control characters")
            }
            let lowercased = name.lowercased()
            guard lowercased != "content-length" && lowercased != "transfer-encoding" else {
                throw .invalidRequest("header \(name) is set by the client from the body")
            }
        }
    }

    /// RFC 9110 `tchar`.
    private static func isTokenCharacter(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"):
            true
        default:
            Array("!#$%&'*+-.^_`|~".utf8).contains(byte)
        }
    }

    /// Classifies a failed transfer.
    private static func error(for code: CURLcode) -> HTTPClientError {
        let message = Curl.message(code)
        let raw = Int(code.rawValue)
        switch code {
        case CURLE_OPERATION_TIMEDOUT:
            return .timedOut(curlCode: raw, message: message)
        case CURLE_COULDNT_RESOLVE_PROXY, CURLE_COULDNT_RESOLVE_HOST, CURLE_COULDNT_CONNECT, CURLE_SEND_ERROR,
            CURLE_RECV_ERROR, CURLE_GOT_NOTHING, CURLE_PARTIAL_FILE, CURLE_SSL_CONNECT_ERROR, CURLE_HTTP2,
            CURLE_HTTP2_STREAM:
            return .connectionFailed(curlCode: raw, message: message)
        default:
            return .transferFailed(curlCode: raw, message: message)
        }
    }
}

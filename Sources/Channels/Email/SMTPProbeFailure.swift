internal import CCurl

/// Why ``SMTPClient/probe()`` could not talk to the server, as an operator fixes it.
public enum SMTPProbeFailure: Error, Sendable, Equatable, CurlFailure {
    /// libcurl could not be initialised or gave no handle.
    case libcurlUnavailable
    /// libcurl refused an option: libcurl's words for why (a libcurl older than 7.85 lacks some).
    case libcurlRefusedOption(String)
    /// Nothing accepted the connection: the operating system's (or libcurl's) reason, e.g. `connection refused`.
    case cannotConnect(reason: String)
    /// The host name does not resolve.
    case cannotResolve
    /// No answer within the timeout.
    case timedOut
    /// The server does not offer `STARTTLS`, which is required off loopback.
    case noSTARTTLS
    /// The login was refused (or the server offers no `AUTH` method libcurl can use).
    case loginDenied
    /// TLS failed: libcurl's words, e.g. a certificate that does not name the host.
    case tlsFailed(String)
    /// Anything else libcurl reported.
    case other(curlCode: Int, detail: String)

    static func unavailable(_ reason: String) -> SMTPProbeFailure { .libcurlUnavailable }

    static func optionRefused(_ option: CURLoption, _ code: CURLcode) -> SMTPProbeFailure {
        .libcurlRefusedOption(Curl.message(code))
    }
}

internal import CCurl

/// An error type that libcurl set-up failures are reported in (``HTTPClientError``, ``SMTPError``,
/// ``SMTPProbeFailure``): each client keeps its own cases, ``CurlEasy`` says which failure it met.
protocol CurlFailure: Error {
    /// libcurl could not be initialised, or gave no handle.
    static func unavailable(_ reason: String) -> Self
    /// libcurl refused an option (too old for it, or a value it does not take).
    static func optionRefused(_ option: CURLoption, _ code: CURLcode) -> Self
}

extension CurlFailure {
    /// How a refused option is described: `curl_easy_setopt(10002): …`.
    static func describe(_ option: CURLoption, _ code: CURLcode) -> String {
        "curl_easy_setopt(\(option.rawValue)): \(Curl.message(code))"
    }
}

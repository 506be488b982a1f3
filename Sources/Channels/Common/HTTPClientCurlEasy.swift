internal import CCurl

/// Owns one libcurl easy handle and the header list attached to it; both are freed in `deinit`.
///
/// Not `Sendable`: a handle serves one transfer on one thread at a time; ``CurlEasyPool`` hands it from one
/// transfer to the next, and libcurl keeps the handle's connections open in between.
final class CurlEasy {
    private let handle: UnsafeMutableRawPointer
    private var headerList: UnsafeMutablePointer<curl_slist>?

    /// Creates a handle (libcurl must already be globally initialised).
    init() throws(HTTPClientError) {
        guard let handle = curl_easy_init() else { throw .setupFailed("curl_easy_init returned NULL") }
        self.handle = handle
    }

    deinit {
        curl_easy_cleanup(handle)
        curl_slist_free_all(headerList)
    }

    /// Puts every option back to libcurl's default (`curl_easy_reset`) and frees the header list; the handle's
    /// open connections and its DNS and TLS session caches stay for the next transfer.
    func reset() {
        curl_easy_reset(handle)
        curl_slist_free_all(headerList)
        headerList = nil
    }

    /// Sets a `long` option.
    func set(_ option: CURLoption, _ value: Int) throws(HTTPClientError) {
        try check(tandem_curl_set_long(handle, option, value), option)
    }

    /// Sets a `curl_off_t` option.
    func set(_ option: CURLoption, offset value: Int64) throws(HTTPClientError) {
        try check(tandem_curl_set_off_t(handle, option, curl_off_t(value)), option)
    }

    /// Sets a string option; libcurl copies it (never use this for `CURLOPT_POSTFIELDS`, which it does not copy).
    func set(_ option: CURLoption, string value: String) throws(HTTPClientError) {
        let code = value.withCString { tandem_curl_set_string(handle, option, $0) }
        try check(code, option)
    }

    /// Sets a pointer option (callback user data).
    func set(_ option: CURLoption, pointer value: UnsafeMutableRawPointer?) throws(HTTPClientError) {
        try check(tandem_curl_set_pointer(handle, option, value), option)
    }

    /// Sets the request body: `CURLOPT_POSTFIELDSIZE_LARGE`, then `CURLOPT_COPYPOSTFIELDS` (libcurl copies the
    /// bytes, which may contain NULs; an empty body is sent as `Content-Length: 0`).
    func setBody(_ body: [UInt8]) throws(HTTPClientError) {
        try set(CURLOPT_POSTFIELDSIZE_LARGE, offset: Int64(body.count))
        var bytes = body.isEmpty ? [0] : body  // never a NULL pointer, which would mean "no body"
        let code = bytes.withUnsafeMutableBytes {
            tandem_curl_set_pointer(handle, CURLOPT_COPYPOSTFIELDS, $0.baseAddress)
        }
        try check(code, CURLOPT_COPYPOSTFIELDS)
    }

    /// Sets a write or header callback.
    func set(_ option: CURLoption, callback: tandem_curl_io_callback) throws(HTTPClientError) {
        try check(tandem_curl_set_callback(handle, option, callback), option)
    }

    /// Replaces the request header list (`CURLOPT_HTTPHEADER`) with `lines`, each `Name: value`; the list lives
    /// as long as this handle.
    func setHeaders(_ lines: [String]) throws(HTTPClientError) {
        var list: UnsafeMutablePointer<curl_slist>?
        for line in lines {
            guard let appended = line.withCString({ curl_slist_append(list, $0) }) else {
                curl_slist_free_all(list)
                throw .setupFailed("curl_slist_append failed")
            }
            list = appended
        }
        let code = tandem_curl_set_slist(handle, CURLOPT_HTTPHEADER, list)
        curl_slist_free_all(headerList)
        headerList = list
        try check(code, CURLOPT_HTTPHEADER)
    }

    /// Runs the transfer, blocking until it completes or fails.
    func perform() -> CURLcode {
        curl_easy_perform(handle)
    }

    /// The last response's status code (0 if none was received).
    func responseCode() -> Int {
        var code = 0
        _ = tandem_curl_get_long(handle, CURLINFO_RESPONSE_CODE, &code)
        return code
    }

    /// The text libcurl gives for `code`.
    static func message(_ code: CURLcode) -> String {
        String(cString: curl_easy_strerror(code))
    }

    private func check(_ code: CURLcode, _ option: CURLoption) throws(HTTPClientError) {
        guard code == CURLE_OK else {
            throw .setupFailed("curl_easy_setopt(\(option.rawValue)): \(Self.message(code))")
        }
    }
}

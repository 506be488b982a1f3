internal import CCurl

/// One libcurl easy handle and the lists attached to it (request headers, mail recipients), all freed in `deinit`:
/// the one place Tandem sets libcurl up, for HTTP and SMTP alike. `Failure` is the using client's error type.
///
/// Not `Sendable`: a handle serves one transfer on one thread at a time; ``CurlEasyPool`` hands HTTP handles from
/// one transfer to the next, and libcurl keeps the handle's connections open in between.
final class CurlEasy<Failure: CurlFailure> {
    private let handle: UnsafeMutableRawPointer
    /// The lists set as options, by option: libcurl reads them during the transfer, so they live with the handle.
    private var lists: [CURLoption.RawValue: UnsafeMutablePointer<curl_slist>] = [:]

    /// Initialises libcurl (once per process, ``Curl/globalInitCode``), then creates a handle.
    init() throws(Failure) {
        guard Curl.globalInitCode == CURLE_OK.rawValue else {
            throw Failure.unavailable("curl_global_init: \(Curl.message(CURLcode(rawValue: Curl.globalInitCode)))")
        }
        guard let handle = curl_easy_init() else { throw Failure.unavailable("curl_easy_init returned NULL") }
        self.handle = handle
    }

    deinit {
        curl_easy_cleanup(handle)
        for list in lists.values { curl_slist_free_all(list) }
    }

    /// Puts every option back to libcurl's default (`curl_easy_reset`) and frees the lists; the handle's open
    /// connections and its DNS and TLS session caches stay for the next transfer.
    func reset() {
        curl_easy_reset(handle)
        for list in lists.values { curl_slist_free_all(list) }
        lists = [:]
    }

    /// Sets a `long` option.
    func set(_ option: CURLoption, _ value: Int) throws(Failure) {
        try check(tandem_curl_set_long(handle, option, value), option)
    }

    /// Sets a `curl_off_t` option.
    func set(_ option: CURLoption, offset value: Int64) throws(Failure) {
        try check(tandem_curl_set_off_t(handle, option, curl_off_t(value)), option)
    }

    /// Sets a string option; libcurl copies it (never use this for `CURLOPT_POSTFIELDS`, which it does not copy).
    func set(_ option: CURLoption, string value: String) throws(Failure) {
        let code = value.withCString { tandem_curl_set_string(handle, option, $0) }
        try check(code, option)
    }

    /// Sets a pointer option (callback user data).
    func set(_ option: CURLoption, pointer value: UnsafeMutableRawPointer?) throws(Failure) {
        try check(tandem_curl_set_pointer(handle, option, value), option)
    }

    /// Sets a read, write or header callback.
    func set(_ option: CURLoption, callback: tandem_curl_io_callback) throws(Failure) {
        try check(tandem_curl_set_callback(handle, option, callback), option)
    }

    /// Sets the request body: `CURLOPT_POSTFIELDSIZE_LARGE`, then `CURLOPT_COPYPOSTFIELDS` (libcurl copies the
    /// bytes, which may contain NULs; an empty body is sent as `Content-Length: 0`).
    func setBody(_ body: [UInt8]) throws(Failure) {
        try set(CURLOPT_POSTFIELDSIZE_LARGE, offset: Int64(body.count))
        var bytes = body.isEmpty ? [0] : body  // never a NULL pointer, which would mean "no body"
        let code = bytes.withUnsafeMutableBytes {
            tandem_curl_set_pointer(handle, CURLOPT_COPYPOSTFIELDS, $0.baseAddress)
        }
        try check(code, CURLOPT_COPYPOSTFIELDS)
    }

    /// Sets a list option (`CURLOPT_HTTPHEADER` lines `Name: value`, `CURLOPT_MAIL_RCPT` addresses `<a@b>`),
    /// replacing the list that option had; the list lives as long as this handle.
    func set(_ option: CURLoption, list items: [String]) throws(Failure) {
        var list: UnsafeMutablePointer<curl_slist>?
        for item in items {
            guard let appended = item.withCString({ curl_slist_append(list, $0) }) else {
                curl_slist_free_all(list)
                throw Failure.unavailable("curl_slist_append failed")
            }
            list = appended
        }
        let code = tandem_curl_set_slist(handle, option, list)
        curl_slist_free_all(lists[option.rawValue])
        lists[option.rawValue] = list
        try check(code, option)
    }

    /// Runs the transfer, blocking until it completes or fails.
    func perform() -> CURLcode {
        curl_easy_perform(handle)
    }

    /// Runs the transfer with libcurl's error buffer attached: its code, and libcurl's own words about a failure
    /// (empty when it gave none).
    func performDescribingFailure() -> (code: CURLcode, detail: String) {
        var buffer = [CChar](repeating: 0, count: Int(CURL_ERROR_SIZE) + 1)
        let code = buffer.withUnsafeMutableBytes { bytes in
            let set = tandem_curl_set_pointer(handle, CURLOPT_ERRORBUFFER, bytes.baseAddress)
            defer { _ = tandem_curl_set_pointer(handle, CURLOPT_ERRORBUFFER, nil) }  // the buffer dies here
            return set == CURLE_OK ? curl_easy_perform(handle) : set
        }
        return (code, buffer.withUnsafeBufferPointer { String(cString: $0.baseAddress!) })
    }

    /// The last response's status code, or the last SMTP reply code (0 if none was received).
    func responseCode() -> Int {
        var code = 0
        _ = tandem_curl_get_long(handle, CURLINFO_RESPONSE_CODE, &code)
        return code
    }

    /// The operating system's error number of the last failed connect (`errno`), 0 if none.
    func osError() -> Int {
        var number = 0
        _ = tandem_curl_get_long(handle, CURLINFO_OS_ERRNO, &number)
        return number
    }

    /// Writes `bytes` on a `CURLOPT_CONNECT_ONLY` connection (a command of the protocol), not awaiting an answer.
    func sendRaw(_ bytes: [UInt8]) {
        var sent = 0
        _ = bytes.withUnsafeBytes { curl_easy_send(handle, $0.baseAddress, $0.count, &sent) }
    }

    private func check(_ code: CURLcode, _ option: CURLoption) throws(Failure) {
        guard code == CURLE_OK else { throw Failure.optionRefused(option, code) }
    }
}

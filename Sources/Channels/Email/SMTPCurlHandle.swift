internal import CCurl

/// One libcurl easy handle for one SMTP transfer, with the recipient list it owns; both freed in `deinit`.
///
/// Not `Sendable`: a handle serves one transfer on one thread.
final class SMTPCurlHandle {
    private let handle: UnsafeMutableRawPointer
    private var recipients: UnsafeMutablePointer<curl_slist>?

    /// `curl_global_init`, run once before the first handle.
    private static let globalInitCode: UInt32 = curl_global_init(Int(CURL_GLOBAL_DEFAULT)).rawValue

    init() throws(SMTPError) {
        guard Self.globalInitCode == CURLE_OK.rawValue, let handle = curl_easy_init() else {
            throw .transferFailed(curlCode: -1, message: "libcurl could not be initialised")
        }
        self.handle = handle
    }

    deinit {
        curl_easy_cleanup(handle)
        curl_slist_free_all(recipients)
    }

    func set(_ option: CURLoption, _ value: Int) throws(SMTPError) {
        try check(tandem_curl_set_long(handle, option, value), option)
    }

    func set(_ option: CURLoption, offset value: Int64) throws(SMTPError) {
        try check(tandem_curl_set_off_t(handle, option, curl_off_t(value)), option)
    }

    /// A string option; libcurl copies it.
    func set(_ option: CURLoption, string value: String) throws(SMTPError) {
        try check(value.withCString { tandem_curl_set_string(handle, option, $0) }, option)
    }

    func set(_ option: CURLoption, pointer value: UnsafeMutableRawPointer?) throws(SMTPError) {
        try check(tandem_curl_set_pointer(handle, option, value), option)
    }

    func set(_ option: CURLoption, callback: tandem_curl_io_callback) throws(SMTPError) {
        try check(tandem_curl_set_callback(handle, option, callback), option)
    }

    /// `CURLOPT_MAIL_RCPT`: the envelope recipients, each `<address>`; the list lives as long as this handle.
    func setRecipients(_ addresses: [String]) throws(SMTPError) {
        var list: UnsafeMutablePointer<curl_slist>?
        for address in addresses {
            guard let appended = address.withCString({ curl_slist_append(list, $0) }) else {
                curl_slist_free_all(list)
                throw .transferFailed(curlCode: -1, message: "curl_slist_append failed")
            }
            list = appended
        }
        let code = tandem_curl_set_slist(handle, CURLOPT_MAIL_RCPT, list)
        curl_slist_free_all(recipients)
        recipients = list
        try check(code, CURLOPT_MAIL_RCPT)
    }

    func perform() -> CURLcode { curl_easy_perform(handle) }

    /// The last SMTP reply code (0 when none was received).
    func replyCode() -> Int {
        var code = 0
        _ = tandem_curl_get_long(handle, CURLINFO_RESPONSE_CODE, &code)
        return code
    }

    static func message(_ code: CURLcode) -> String { String(cString: curl_easy_strerror(code)) }

    private func check(_ code: CURLcode, _ option: CURLoption) throws(SMTPError) {
        guard code == CURLE_OK else {
            throw .invalidConfiguration("curl_easy_setopt(\(option.rawValue)): \(Self.message(code))")
        }
    }
}

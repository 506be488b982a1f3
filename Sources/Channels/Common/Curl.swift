internal import CCurl

/// libcurl's process-wide part, shared by every transfer Tandem makes (the homeserver over HTTP, mail over SMTP, the
/// doctor's probes): its one initialisation, its error texts, and durations as the milliseconds it takes.
enum Curl {
    /// `curl_global_init`, run exactly once (a `static let` initialiser is thread-safe) before the first handle.
    static let globalInitCode: UInt32 = curl_global_init(Int(CURL_GLOBAL_DEFAULT)).rawValue

    /// The text libcurl gives for `code`.
    static func message(_ code: CURLcode) -> String {
        String(cString: curl_easy_strerror(code))
    }

    /// `duration` in whole milliseconds, rounded up, clamped to `0...Int.max`.
    static func milliseconds(_ duration: Duration) -> Int {
        let (seconds, attoseconds) = duration.components
        guard seconds >= 0, attoseconds >= 0 || seconds > 0 else { return 0 }
        guard seconds < Int64.max / 1000 - 1 else { return Int.max }
        let fraction = (attoseconds + 999_999_999_999_999) / 1_000_000_000_000_000
        return max(0, Int(seconds * 1000 + fraction))
    }
}

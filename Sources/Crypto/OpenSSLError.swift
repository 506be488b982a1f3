internal import COpenSSL

/// Reads and clears OpenSSL's thread-local error queue.
enum OpenSSLError {
    /// A ``CryptoError/openSSL(function:reason:)`` for `function`, with the oldest queued error's text; the queue is
    /// cleared so later calls on this thread start clean.
    static func make(_ function: String) -> CryptoError {
        let code = ERR_get_error()
        ERR_clear_error()
        guard code != 0 else { return .openSSL(function: function, reason: "no error queued") }
        var buffer = [CChar](repeating: 0, count: 256)
        ERR_error_string_n(code, &buffer, buffer.count)
        let text = buffer.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
        return .openSSL(function: function, reason: text)
    }

    /// Throws ``make(_:)`` unless `result` is positive (OpenSSL's usual success value is 1).
    static func check(_ result: Int32, _ function: String) throws(CryptoError) {
        guard result > 0 else { throw make(function) }
    }

    /// Empties the error queue without reading it (after an expected failure such as a bad GCM tag).
    static func clear() {
        ERR_clear_error()
    }
}

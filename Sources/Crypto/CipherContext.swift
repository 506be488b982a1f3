internal import COpenSSL

/// Owns one `EVP_CIPHER_CTX`; it is freed (and its key schedule wiped by OpenSSL) in `deinit`.
///
/// Not `Sendable`: a context is used by one operation on one thread.
final class CipherContext {
    private let pointer: OpaquePointer

    /// Allocates a fresh context.
    init() throws(CryptoError) {
        guard let pointer = EVP_CIPHER_CTX_new() else { throw OpenSSLError.make("EVP_CIPHER_CTX_new") }
        self.pointer = pointer
    }

    deinit {
        EVP_CIPHER_CTX_free(pointer)
    }

    /// Runs `body` with the raw context; the context stays alive for the whole call.
    func run<Result>(_ body: (OpaquePointer) throws(CryptoError) -> Result) throws(CryptoError) -> Result {
        try body(pointer)
    }
}

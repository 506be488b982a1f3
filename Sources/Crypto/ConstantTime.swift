internal import COpenSSL

/// Comparison whose running time does not depend on where two secrets differ (OpenSSL's `CRYPTO_memcmp`).
///
/// Use it for every check of a presented secret against the expected one: the Matrix `hs_token`, webhook
/// secrets, HMAC signatures. The length of the expected value is not treated as secret.
public enum ConstantTime {
    /// Whether `a` and `b` hold the same bytes.
    ///
    /// Inputs of different lengths are unequal; the function still runs a full comparison over `a` before saying
    /// so, so the content never causes an early exit.
    public static func equals(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        let sameLength = a.count == b.count
        // With different lengths, compare `a` with itself: same amount of work, result ignored.
        let other = sameLength ? b : a
        let difference = a.withUnsafeBytes { left in
            other.withUnsafeBytes { right in
                left.count == 0 ? 0 : CRYPTO_memcmp(left.baseAddress, right.baseAddress, left.count)
            }
        }
        return sameLength && difference == 0
    }

    /// Whether the UTF-8 encodings of `a` and `b` are the same bytes (no Unicode normalisation).
    public static func equals(_ a: String, _ b: String) -> Bool {
        equals(Array(a.utf8), Array(b.utf8))
    }
}

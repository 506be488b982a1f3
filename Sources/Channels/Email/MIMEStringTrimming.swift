/// Whitespace trimming without Foundation, used throughout the email code.
extension StringProtocol {
    /// The text without leading and trailing spaces, tabs, CR and LF (and no-break spaces).
    func mimeTrimmed() -> String {
        let scalars = String(self).unicodeScalars
        guard let first = scalars.firstIndex(where: { !Self.isTrimmable($0) }),
              let last = scalars.lastIndex(where: { !Self.isTrimmable($0) }) else { return "" }
        return String(scalars[first...last])
    }

    private static func isTrimmable(_ scalar: Unicode.Scalar) -> Bool {
        scalar == " " || scalar == "\t" || scalar == "\r" || scalar == "\n" || scalar == "\u{A0}"
            || scalar == "\u{FEFF}"
    }
}

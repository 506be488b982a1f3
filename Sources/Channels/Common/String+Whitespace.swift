extension Substring {
    /// The text without leading and trailing white space and line breaks: what Foundation's
    /// `trimmingCharacters(in: .whitespacesAndNewlines)` removes (Unicode's White_Space scalars and U+200B), without
    /// its bridge to `NSString` on every message (issue 17).
    public func trimmingWhitespace() -> String {
        let scalars = unicodeScalars
        var start = scalars.startIndex
        var end = scalars.endIndex
        while start < end, Self.isWhitespace(scalars[start]) { start = scalars.index(after: start) }
        while start < end {
            let last = scalars.index(before: end)
            guard Self.isWhitespace(scalars[last]) else { break }
            end = last
        }
        return String(self[start..<end])
    }

    private static func isWhitespace(_ scalar: Unicode.Scalar) -> Bool {
        scalar.isASCII ? scalar == " " || (0x09...0x0D).contains(scalar.value)
            : scalar.properties.isWhitespace || scalar == "\u{200B}"
    }
}

extension String {
    /// The text without leading and trailing white space and line breaks (``Substring/trimmingWhitespace()``).
    public func trimmingWhitespace() -> String { self[...].trimmingWhitespace() }
}

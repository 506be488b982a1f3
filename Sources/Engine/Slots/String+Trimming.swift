extension Substring {
    /// The text without the leading and trailing Unicode scalars for which `drop` is true. Does what
    /// `trimmingCharacters(in:)` does, without Foundation's bridging to `NSString`: the engine trims several times
    /// per message (issue 9).
    func trimmed(_ drop: (Unicode.Scalar) -> Bool) -> String {
        let scalars = unicodeScalars
        var start = scalars.startIndex
        var end = scalars.endIndex
        while start < end, drop(scalars[start]) { start = scalars.index(after: start) }
        while start < end {
            let last = scalars.index(before: end)
            guard drop(scalars[last]) else { break }
            end = last
        }
        return String(self[start..<end])
    }
}

extension String {
    /// The text without the leading and trailing Unicode scalars for which `drop` is true.
    func trimmed(_ drop: (Unicode.Scalar) -> Bool) -> String { self[...].trimmed(drop) }
}

/// The sets of scalars the engine trims, as predicates for ``Substring/trimmed(_:)``.
enum Trim {
    /// `CharacterSet.whitespaces` (CoreFoundation's list): space, tab, no-break space, U+1680, U+2000–U+200B,
    /// U+202F, U+205F, U+3000.
    static func whitespace(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x20, 0x09, 0xA0, 0x1680, 0x2000...0x200B, 0x202F, 0x205F, 0x3000: return true
        default: return false
        }
    }

    /// `CharacterSet.whitespacesAndNewlines`: ``whitespace(_:)`` and U+000A–U+000D, U+0085, U+2028, U+2029.
    static func whitespaceOrNewline(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x0A...0x0D, 0x85, 0x2028, 0x2029: return true
        default: return whitespace(scalar)
        }
    }

    /// Any of the scalars of `characters`.
    static func any(of characters: String) -> (Unicode.Scalar) -> Bool {
        let set = Array(characters.unicodeScalars)
        return { set.contains($0) }
    }
}

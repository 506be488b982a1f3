import Foundation
import Testing
@testable import Channels

/// Messages and tokens are trimmed without Foundation's bridge to `NSString` (issue 17): exactly what
/// `trimmingCharacters(in: .whitespacesAndNewlines)` removed before, on every scalar it could differ on.
struct WhitespaceTrimmingTests {
    /// Every scalar Unicode calls white space, the zero-width space CoreFoundation adds, and look-alikes it does not
    /// trim (zero-width joiner, byte-order mark, Mongolian vowel separator).
    static let edges: [Unicode.Scalar] = (0...0x3000).compactMap(Unicode.Scalar.init).filter(\.properties.isWhitespace)
        + ["\u{200B}", "\u{200D}", "\u{FEFF}", "\u{180E}", "x", "ä", "🙂"]

    @Test func everyEdgeScalarIsTrimmedAsFoundationTrimsIt() {
        for scalar in Self.edges {
            for text in ["\(scalar)a b\(scalar)", "\(scalar)\(scalar)", "a\(scalar)b", "\(scalar)", ""] {
                let expected = text.trimmingCharacters(in: .whitespacesAndNewlines)
                #expect(text.trimmingWhitespace() == expected, "U+\(String(scalar.value, radix: 16))")
            }
        }
    }

    @Test func aSubstringIsTrimmedInPlace() {
        let header = "Bearer \t token-123 \r\n"
        #expect(header.dropFirst("bearer ".count).trimmingWhitespace() == "token-123")
    }
}

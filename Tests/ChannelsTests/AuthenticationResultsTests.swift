import Channels
import Testing

/// `Authentication-Results` (RFC 8601) as mail servers write them: comments, versions, quoted values, `none`.
struct AuthenticationResultsTests {
    @Test func theServerAndEveryResultAreRead() throws {
        let header = try #require(AuthenticationResults(parsing: """
            mx.Example.org; dkim=pass header.d=uni.example header.s=sel; spf=pass smtp.mailfrom=uni.example; \
            dmarc=pass header.from=uni.example
            """))
        #expect(header.authservID == "mx.example.org")
        #expect(header.results.map(\.method) == ["dkim", "spf", "dmarc"])
        #expect(header.results.map(\.result) == ["pass", "pass", "pass"])
        #expect(header.results[0].properties == ["header.d": "uni.example", "header.s": "sel"])
        #expect(header.results[2].properties["header.from"] == "uni.example")
    }

    @Test func commentsVersionsAndSpacesAroundTheMarksAreAllowed() throws {
        let header = try #require(AuthenticationResults(parsing: """
            mx.example.org 1 (the (nested) checker); dkim/1 = Pass (good signature) header . d = "uni.example"; \
            dmarc=fail (p=reject dis=none) header.from=uni.example
            """))
        #expect(header.authservID == "mx.example.org")
        #expect(header.results.first?.method == "dkim")
        #expect(header.results.first?.result == "pass")
        #expect(header.results.first?.properties["header.d"] == "uni.example")
        #expect(header.results.last?.result == "fail")
    }

    @Test func aServerWithNoResultsSaysNone() throws {
        let header = try #require(AuthenticationResults(parsing: "mx.example.org; none"))
        #expect(header.results.isEmpty)
    }

    @Test func aSemicolonInsideAQuotedValueDoesNotEndTheResult() throws {
        let value = #"mx.example.org; dkim=pass header.b="a;b" header.d=x.org"#
        let header = try #require(AuthenticationResults(parsing: value))
        #expect(header.results.count == 1)
        #expect(header.results.first?.properties["header.d"] == "x.org")
    }

    @Test func anEmptyHeaderHasNoServer() {
        #expect(AuthenticationResults(parsing: "  (only a comment) ") == nil)
    }
}

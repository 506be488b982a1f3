import Testing
@testable import Channels

/// What a reply looks like on its way to the homeserver: the path segments, the notice's HTML and its size.
struct MatrixNoticeContentTests {
    @Test func pathSegmentsKeepOnlyUnreservedASCII() {
        #expect(MatrixClient.escape("!abc:example.org") == "%21abc%3Aexample.org")
        #expect(MatrixClient.escape("tandem-12-0a1b~x_y.z") == "tandem-12-0a1b~x_y.z")
        // A letter outside ASCII, a slash and a space never reach the path as they are.
        #expect(MatrixClient.escape("!стая/1 2:hs") == "%21%D1%81%D1%82%D0%B0%D1%8F%2F1%202%3Ahs")
    }

    @Test func htmlEscapesMarkupAndKeepsLineBreaks() {
        #expect(MatrixClient.html("a < b && c > d\nnext") == "a &lt; b &amp;&amp; c &gt; d<br>next")
        #expect(MatrixClient.html("Среща: 45 мин") == "Среща: 45 мин")
    }

    /// The shortcut that spares writing a short notice to measure it must never pass one that is too large.
    @Test(arguments: [
        String(repeating: "&", count: 3_990), String(repeating: "\u{01}", count: 3_990),
        String(repeating: "\n", count: 3_990), String(repeating: "ж", count: 1_995), "short",
    ])
    func aNoticeSaidToFitDoesFit(text: String) {
        let limit = MatrixNoticeSplit.maxContentBytes
        if MatrixNoticeSplit.surelyFits(text, limit: limit) {
            #expect(MatrixNoticeSplit.contentBytes(text) <= limit)
        }
        #expect(MatrixNoticeSplit.surelyFits("short", limit: limit))
        #expect(MatrixNoticeSplit.firstPart(of: text, limit: limit).count == text.count)
    }

    @Test func aLongNoticeIsStillSplitAtALineBreak() {
        let line = String(repeating: "x", count: 999)
        let text = Array(repeating: line, count: 60).joined(separator: "\n")
        let part = MatrixNoticeSplit.firstPart(of: text, limit: MatrixNoticeSplit.maxContentBytes)
        #expect(part.count < text.count)
        #expect(part.count % 1_000 == 999)  // whole lines only
        #expect(MatrixNoticeSplit.contentBytes(String(part)) <= MatrixNoticeSplit.maxContentBytes)
    }
}

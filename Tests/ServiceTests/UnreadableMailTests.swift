import Channels
import Foundation
import Service
import Store
import Testing

/// Mail over the parser's limits is not dropped without a word: a participant who sent it is asked to send a
/// smaller one; a stranger is not answered.
struct UnreadableMailTests {
    let world: EmailIdentityFixture
    init() throws { world = try EmailIdentityFixture() }

    /// A message with `parts` text parts (the parser takes at most 100).
    static func manyParts(from: String, parts: Int) -> [UInt8] {
        let body = (0..<parts).map { "--b\nContent-Type: text/plain\n\npart \($0)\n" }.joined() + "--b--\n"
        return EmailTestSupport.email(
            from: from, id: "parts-\(from)", subject: "Receipts",
            extraHeaders: [#"Content-Type: multipart/mixed; boundary="b""#], body: body)
    }

    @Test func aParticipantIsToldTheirMailWasTooLargeToRead() throws {
        guard case .ignored = try world.ingest.ingest(raw: Self.manyParts(from: "ana@example.org", parts: 150)) else {
            Issue.record("read anyway")
            return
        }
        let told = try #require(try world.mails(to: "ana@example.org").first)
        #expect(told.contains(#"Your email "Receipts" was too large or too complex for me to read"#))
    }

    @Test func aHeaderLineOverTheLimitIsAnsweredToo() throws {
        let raw = EmailTestSupport.email(
            from: "ana@example.org", id: "long@x", extraHeaders: ["X-Long: " + String(repeating: "x", count: 9_000)],
            body: "log yesterday 45 min")
        try world.ingest.ingest(raw: raw)
        #expect(try world.mails(to: "ana@example.org").count == 1)
    }

    @Test func aStrangerIsNotAnswered() throws {
        try world.ingest.ingest(raw: Self.manyParts(from: "zoe@example.net", parts: 150))
        #expect(try world.mails(to: "zoe@example.net").isEmpty)
    }

    @Test func aRedeliveryIsNotAnsweredTwice() throws {
        let raw = Self.manyParts(from: "ana@example.org", parts: 150)
        try world.ingest.ingest(raw: raw)
        #expect(try world.ingest.ingest(raw: raw) == .duplicate)
        #expect(try world.mails(to: "ana@example.org").count == 1)
    }
}

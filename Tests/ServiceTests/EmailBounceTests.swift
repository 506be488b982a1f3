import Channels
import Foundation
import Service
import Store
import Testing

/// Bounces are counted per address — only failure reports that came back to the reply address of a mail Tandem
/// sent, so nobody can cut a participant off with forged ones — and an address that keeps bouncing is not mailed.
struct EmailBounceTests {
    let world: EmailIdentityFixture
    init() throws { world = try EmailIdentityFixture() }

    static func report(to: String, action: String = "failed", status: String = "5.1.1", id: String) -> [UInt8] {
        EmailTestSupport.email(
            from: "MAILER-DAEMON@mx.example.org (Mail Delivery System)", to: to, id: id,
            subject: "Undelivered Mail Returned to Sender", extraHeaders: [
                "Auto-Submitted: auto-replied",
                #"Content-Type: multipart/report; report-type=delivery-status; boundary="r""#,
            ], body: """
                --r
                Content-Type: text/plain

                Your message could not be delivered.
                --r
                Content-Type: message/delivery-status

                Reporting-MTA: dns; mx.example.org

                Final-Recipient: rfc822; ana@example.org
                Action: \(action)
                Status: \(status)
                --r--
                """)
    }

    private func bounces() throws -> Int {
        try world.pipeline.database.read { try EmailRepository($0).bounces(address: "ana@example.org") }
    }

    private func replyAddress() throws -> String {
        try world.send("my log", from: "ana@example.org")
        return "tandem+\(try #require(try world.newestMail(to: "ana@example.org")).tag)@example.org"
    }

    @Test func aFailureReportToAMailsReplyAddressCountsABounceOfItsRecipient() throws {
        let address = try replyAddress()
        guard case .ignored = try world.ingest.ingest(raw: Self.report(to: address, id: "b1@mx")) else {
            Issue.record("a bounce was processed")
            return
        }
        #expect(try bounces() == 1)
        try world.ingest.ingest(raw: Self.report(to: address, id: "b1@mx"))
        #expect(try bounces() == 1, "a redelivered report counts once")
    }

    @Test func aReportThatDidNotComeBackToAReplyAddressIsNotBelieved() throws {
        _ = try replyAddress()
        try world.ingest.ingest(raw: Self.report(to: "tandem@example.org", id: "b2@mx"))
        let guessed = "tandem+0123456789abcdef0123456789abcdef@example.org"
        try world.ingest.ingest(raw: Self.report(to: guessed, id: "b3@mx"))
        #expect(try bounces() == 0)
    }

    @Test func aDelayIsNoBounce() throws {
        let address = try replyAddress()
        try world.ingest.ingest(raw: Self.report(to: address, action: "delayed", status: "4.4.1", id: "b4@mx"))
        #expect(try bounces() == 0)
    }

    @Test func anAddressThatKeepsBouncingIsNotMailed() throws {
        try world.pipeline.database.write { connection in
            for _ in 0..<SMTPTransport.maxBounces {
                try EmailRepository(connection).recordBounce(address: "ana@example.org", reason: "550", now: 0)
            }
        }
        let transport = SMTPTransport(
            client: try SMTPClient(url: "smtp://127.0.0.1:1", timeout: .seconds(5)),
            identity: try #require(EmailIdentity(from: "tandem@example.org")), database: world.pipeline.database,
            clock: world.pipeline.clock)
        let row = try world.pipeline.database.write { connection in
            let outbox = OutboxRepository(connection)
            try outbox.enqueue(conversationID: nil, channel: .email, address: "ana@example.org", body: "hi", now: 0)
            return try #require(try outbox.queued(channel: .email, address: "ana@example.org").last)
        }
        guard case .reject(let reason) = transport.deliver(row) else { Issue.record("mailed anyway"); return }
        #expect(reason.contains("keeps bouncing"))
    }

    @Test func onlyAMailShownToComeFromTheAddressForgetsItsBounces() throws {
        let address = try replyAddress()
        try world.ingest.ingest(raw: Self.report(to: address, id: "b5@mx"))
        #expect(try bounces() == 1)
        try world.send("my log", from: "ana@example.org")
        #expect(try bounces() == 1, "no reply token and no verdict: anyone could have sent it in Ana's name")
        try world.reply("my log", from: "ana@example.org")
        #expect(try bounces() == 0, "through the reply address of a mail Ana got")
    }

    @Test func aMailTheTrustedServerVouchesForForgetsBounces() throws {
        let address = try replyAddress()
        try world.ingest.ingest(raw: Self.report(to: address, id: "b6@mx"))
        #expect(try bounces() == 1)
        try world.send("my log", from: "ana@example.org", headers: [
            EmailIdentityFixture.authenticationResults("dmarc=pass header.from=example.org"),
        ])
        #expect(try bounces() == 0)
    }
}

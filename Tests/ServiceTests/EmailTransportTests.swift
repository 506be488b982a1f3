import Channels
import Service
import Store
import Testing

/// The SMTP transport's bookkeeping: stored headers, the per-recipient rate limit, failure mapping.
struct EmailTransportTests {
    let support: EmailTestSupport
    let transport: SMTPTransport

    init() throws {
        support = try EmailTestSupport()
        transport = SMTPTransport(
            client: try SMTPClient(url: "smtp://127.0.0.1:1", timeout: .seconds(5)),
            identity: try #require(EmailIdentity(from: "tandem@example.org")), database: support.pipeline.database,
            clock: support.pipeline.clock, ratePerHour: 2)
    }

    func enqueue(_ address: String, _ body: String) throws -> OutboxMessage {
        try support.pipeline.database.write { connection in
            let outbox = OutboxRepository(connection)
            try outbox.enqueue(conversationID: nil, channel: .email, address: address, body: body,
                               now: EmailTestSupport.now)
            return try #require(try outbox.queued(channel: .email, address: address).last)
        }
    }

    @Test func aNotificationGetsHeadersOnceAndAnUnreachableServerMeansRetry() throws {
        let row = try enqueue("ben@example.org", "Reminder: log your meeting\nwith Ana")
        guard case .retry(nil, let reason) = transport.deliver(row) else { Issue.record("not a retry"); return }
        #expect(reason.contains("SMTP transfer failed"))
        let headers = try #require(try support.headers(outboxID: row.id))
        #expect(headers.subject == "Reminder: log your meeting")
        #expect(headers.autoSubmitted == "auto-generated")
        _ = transport.deliver(row)
        #expect(try support.headers(outboxID: row.id) == headers, "a retry sends the same Message-ID")
    }

    @Test func moreMailThanTheHourlyLimitWaitsInTheOutbox() throws {
        for body in ["one", "two"] { _ = try enqueue("ana@example.org", body) }
        try support.markAllSent()
        let row = try enqueue("ana@example.org", "three")
        guard case .retry(let after?, let reason) = transport.deliver(row) else { Issue.record("not limited"); return }
        #expect(reason.hasPrefix("rate limit"))
        #expect(after == 3_600_000)
        let other = try enqueue("ben@example.org", "for Ben")
        guard case .retry(nil, _) = transport.deliver(other) else { Issue.record("Ben was limited too"); return }
    }

    @Test func identityAcceptsPlusTagsAsOurOwn() throws {
        let identity = try #require(EmailIdentity(from: "Mentoring Bot <Tandem@Example.org>"))
        #expect(identity.displayName == "Mentoring Bot")
        #expect(identity.address == "tandem@example.org")
        #expect(identity.isOwn("TANDEM+x1@example.org"))
        #expect(identity.tag(in: "tandem+x1@example.org") == "x1")
        #expect(identity.tag(in: "tandem@example.org") == nil)
        #expect(!identity.isOwn("tandem@example.org.evil.com"))
        #expect(!identity.isOwn("other+tandem@example.org"))
        #expect(EmailIdentity(from: "not an address") == nil)
    }
}

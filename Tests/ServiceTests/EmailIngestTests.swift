import Channels
import Crypto
import Foundation
import Service
import Store
import Testing

/// Email through the pipeline on a real SQLite file: one email, one transaction, one answer.
struct EmailIngestTests {
    let support: EmailTestSupport
    init() throws { support = try EmailTestSupport() }

    @Test func aMeetingLoggedInOneEmailGetsOneAnswerThreadedUnderIt() throws {
        let raw = EmailTestSupport.email(id: "m1@mail.example.org", subject: "Meeting", body: """
            log yesterday 45 min topics: visa rules

            Ana
            """)
        #expect(try support.ingest.ingest(raw: raw) == .processed(messages: 2))
        let rows = try support.queued(to: "ana@example.org")
        #expect(rows.count == 1)
        let body = try #require(rows.first?.body)
        #expect(rows.first?.address == "ana@example.org")
        #expect(body.hasPrefix("Got it:\n• Date: 2026-03-13\n• Duration: 45 min\n• Topics: visa rules"))
        #expect(body.contains("To answer several questions at once"))
        #expect(body.hasSuffix("Start:\nNext steps:"))
        let headers = try #require(try support.headers(outboxID: rows[0].id))
        #expect(headers.subject == "Re: Meeting")
        #expect(headers.inReplyTo == "m1@mail.example.org")
        #expect(headers.references == ["m1@mail.example.org"])
        #expect(headers.autoSubmitted == "auto-replied")
        #expect(headers.messageID.hasPrefix("\(rows[0].id)."))
        #expect(headers.messageID.hasSuffix("@example.org"))
    }

    @Test func theOneAnswerCarriesTheFilesOfTheRepliesItMerges() throws {
        try support.ingest.ingest(raw: EmailTestSupport.email(id: "a1@x", subject: "Agenda", body: """
            agenda sessions: 2 frequency: weekly first: 18 March time: 14:00 topics: visa rules
            """))
        let first = try #require(try support.queued(to: "ana@example.org").first)
        let ours = try #require(try support.headers(outboxID: first.id))
        try support.markAllSent()
        try support.ingest.ingest(raw: EmailTestSupport.email(
            id: "a2@x", subject: "Re: Agenda", inReplyTo: ours.messageID, body: "skip\nyes"))
        let rows = try support.queued(to: "ana@example.org")
        #expect(rows.count == 1)
        #expect(rows.first?.body.contains("Your agenda is saved (version 1)") == true)
        let files = try support.pipeline.database.read { try OutboxRepository($0).attachments(outboxID: rows[0].id) }
        #expect(files.map(\.file.filename) == ["mentoring-sessions.ics"])
        #expect(files.first?.file.bytes.starts(with: Array("BEGIN:VCALENDAR\r\n".utf8)) == true)
    }

    @Test func aReplyInTheThreadFillsEveryFieldAndTheConfirmationInOneGo() throws {
        try support.ingest.ingest(
            raw: EmailTestSupport.email(id: "m1@x", body: "log yesterday 45 min topics: visa rules"))
        let first = try #require(try support.queued(to: "ana@example.org").first)
        let ours = try #require(try support.headers(outboxID: first.id))
        try support.markAllSent()
        let reply = EmailTestSupport.email(id: "m2@x", subject: "Re: Hi", inReplyTo: ours.messageID, body: """
            Next steps: book the flights
            Start: 14:00
            yes

            On Sat, 14 Mar 2026 at 10:00, Tandem <tandem@example.org> wrote:
            > Got it:
            > Start:
            """)
        #expect(try support.ingest.ingest(raw: reply) == .processed(messages: 3))
        let rows = try support.queued(to: "ana@example.org")
        #expect(rows.count == 1)
        #expect(rows.first?.body.contains("Saved to your mentoring log: 2026-03-13, 45 min.") == true)
        #expect(try support.count("SELECT COUNT(*) AS n FROM log_entries WHERE start_time = '14:00'") == 1)
        let headers = try #require(try support.headers(outboxID: rows[0].id))
        #expect(headers.subject == "Re: Hi")
        #expect(headers.inReplyTo == "m2@x")
        #expect(headers.references == [ours.messageID, "m2@x"])
    }

    @Test func aFilledInFormWithoutATriggerWordStartsTheFlowItsLabelsName() throws {
        let raw = EmailTestSupport.email(id: "kv@x", subject: "Re: Log your meeting", body: """
            Date: yesterday
            Duration: 45 min
            Topics: visa rules, housing
            Notes: see https://example.org/notes
            """)
        #expect(try support.ingest.ingest(raw: raw) != .duplicate)
        let body = try #require(try support.queued(to: "ana@example.org").first?.body)
        #expect(body.contains("• Topics: visa rules, housing"))
        #expect(body.contains("• Duration: 45 min"))
        #expect(body.contains("What time did you start?"))
    }

    @Test func lineByLineAnswersWorkToo() throws {
        let raw = EmailTestSupport.email(id: "m1@x", body: "log yesterday 45 min topics: goals\nskip\nskip\nyes")
        #expect(try support.ingest.ingest(raw: raw) == .processed(messages: 4))
        #expect(try support.count("SELECT COUNT(*) AS n FROM log_entries") == 1)
        let rows = try support.queued(to: "ana@example.org")
        #expect(rows.count == 1, "\(rows)")
    }

    @Test func aGreetingBeforeTheCommandIsPassedOver() throws {
        let raw = EmailTestSupport.email(
            id: "g@x", body: "Hi Tandem,\nlog yesterday 45 min topics: goals\n\nBest,\nAna")
        #expect(try support.ingest.ingest(raw: raw) == .processed(messages: 1))
        let body = try #require(try support.queued(to: "ana@example.org").first?.body)
        #expect(body.hasPrefix("Got it:\n• Date: 2026-03-13\n• Duration: 45 min\n• Topics: goals"))
        #expect(!body.contains("Ana"))
    }

    @Test func aFreshYesStillAnswersTheOpenQuestion() throws {
        let start = EmailTestSupport.email(id: "a@x", body: "log yesterday 45 min topics: goals\nskip\nskip")
        try support.ingest.ingest(raw: start)
        try support.markAllSent()
        let yes = EmailTestSupport.email(id: "b@x", body: "Yes")
        #expect(try support.ingest.ingest(raw: yes) == .processed(messages: 1))
        #expect(try support.count("SELECT COUNT(*) AS n FROM log_entries") == 1)
    }

    @Test func aRedeliveredEmailChangesNothing() throws {
        let raw = EmailTestSupport.email(id: "m1@x", body: "log yesterday 45 min topics: goals")
        #expect(try support.ingest.ingest(raw: raw) != .duplicate)
        let outbox = try support.count("SELECT COUNT(*) AS n FROM outbox")
        let inbound = try support.count("SELECT COUNT(*) AS n FROM inbound_messages")
        #expect(try support.ingest.ingest(raw: raw) == .duplicate)
        #expect(try support.count("SELECT COUNT(*) AS n FROM outbox") == outbox)
        #expect(try support.count("SELECT COUNT(*) AS n FROM inbound_messages") == inbound)
    }

    @Test(arguments: [
        ["Auto-Submitted: auto-replied"], ["Precedence: bulk"], ["List-Id: <tandem.lists.example.org>"],
        ["X-Autoreply: yes"], ["Return-Path: <>"],
    ])
    func automatedMailIsStoredButNeverAnswered(headers: [String]) throws {
        let raw = EmailTestSupport.email(id: "auto@x", extraHeaders: headers, body: "I am out of the office. log")
        guard case .ignored(let reason) = try support.ingest.ingest(raw: raw) else {
            Issue.record("automated mail was processed")
            return
        }
        #expect(reason.hasPrefix("automated"))
        #expect(try support.count("SELECT COUNT(*) AS n FROM outbox") == 0)
        #expect(try support.count("SELECT COUNT(*) AS n FROM inbound_messages") == 0)
        #expect(try support.count("SELECT COUNT(*) AS n FROM email_inbound WHERE outcome = 'ignored'") == 1)
        #expect(try support.ingest.ingest(raw: raw) == .duplicate)
    }

    @Test(arguments: ["MAILER-DAEMON@mx.example.org", "Tandem <tandem@example.org>", "tandem+abc@EXAMPLE.org"])
    func bouncesAndOurOwnMailAreNeverAnswered(from: String) throws {
        let raw = EmailTestSupport.email(from: from, id: "x@x", body: "log")
        guard case .ignored = try support.ingest.ingest(raw: raw) else { Issue.record("processed"); return }
        #expect(try support.count("SELECT COUNT(*) AS n FROM outbox") == 0)
    }

    @Test func unparseableAndEmptyMailIsIgnored() throws {
        guard case .ignored = try support.ingest.ingest(raw: []) else { Issue.record("empty mail processed"); return }
        let quoteOnly = EmailTestSupport.email(id: "q@x", inReplyTo: "z@x", body: "> only a quote")
        guard case .ignored = try support.ingest.ingest(raw: quoteOnly) else { Issue.record("quote processed"); return }
        #expect(try support.count("SELECT COUNT(*) AS n FROM outbox") == 0)
    }

    @Test func aNewcomerGetsTheNewcomerTreatment() throws {
        let raw = EmailTestSupport.email(from: "zoe@example.net", id: "z@x", body: "hello")
        #expect(try support.ingest.ingest(raw: raw) == .processed(messages: 1))
        let rows = try support.queued()
        #expect(rows.map(\.address) == ["zoe@example.net"])
        #expect(rows.first?.body.contains("join") == true)
    }

    @Test func theSubjectAloneIsAMessageWhenTheBodyIsEmpty() throws {
        let raw = EmailTestSupport.email(id: "s@x", subject: "my log", body: "")
        #expect(try support.ingest.ingest(raw: raw) == .processed(messages: 1))
        #expect(try support.queued(to: "ana@example.org").first?.body.contains("mentoring log is empty") == true)
    }

    @Test func aNewRequestInAFreshEmailClosesWhatWasOpen() throws {
        try support.ingest.ingest(raw: EmailTestSupport.email(id: "a@x", body: "log yesterday 45 min topics: goals"))
        try support.markAllSent()
        let fresh = EmailTestSupport.email(id: "b@x", body: "my log")
        #expect(try support.ingest.ingest(raw: fresh) == .processed(messages: 2))
        let body = try #require(try support.queued(to: "ana@example.org").first?.body)
        #expect(body.contains("Nothing was saved"))
        #expect(body.contains("mentoring log is empty"))
    }

    @Test func attachmentsAreStoredByContentHash() throws {
        let pdf = Array("%PDF-1.4\n1 0 obj << >> endobj\ntrailer\n%%EOF\n".utf8)
        let encoded = Data(pdf).base64EncodedString(options: .lineLength76Characters)
        let raw = EmailTestSupport.email(
            id: "pdf@x", extraHeaders: ["Content-Type: multipart/mixed; boundary=\"b1\""], body: """
                --b1
                Content-Type: text/plain; charset=utf-8

                Here is the receipt.
                --b1
                Content-Type: application/octet-stream; name="receipt.pdf"
                Content-Disposition: attachment; filename="receipt.pdf"
                Content-Transfer-Encoding: base64

                \(encoded)
                --b1--
                """)
        #expect(try support.ingest.ingest(raw: raw) != .duplicate)
        #expect(try support.count(
            """
            SELECT COUNT(*) AS n FROM attachments
            WHERE sha256 = ? AND media_type = 'application/pdf' AND filename = ?
            """,
            [SHA256.hex(pdf), "receipt.pdf"]) == 1)
    }

    @Test func aReplyToOurPlusTagAddressIsMatchedToItsThread() throws {
        try support.ingest.ingest(raw: EmailTestSupport.email(id: "a@x", subject: "Meeting", body: "log"))
        let firstID = try #require(try support.queued(to: "ana@example.org").first?.id)
        let ours = try #require(try support.headers(outboxID: firstID))
        try support.markAllSent()
        let raw = EmailTestSupport.email(
            to: "tandem+\(ours.tag)@example.org", id: "b@x", subject: "", body: "yesterday")
        #expect(try support.ingest.ingest(raw: raw) == .processed(messages: 1))
        let row = try #require(try support.queued(to: "ana@example.org").first)
        #expect(try support.headers(outboxID: row.id)?.subject == "Re: Meeting")
    }
}

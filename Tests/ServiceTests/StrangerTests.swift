import Channels
import Foundation
import Service
import Store
import Testing

/// People Tandem does not know cost (almost) nothing: no participant row, no stored text or file, at most a short
/// hint a day — until they join with a valid code. Their floods are capped per address, per domain and overall.
struct StrangerTests {
    let world: EmailIdentityFixture
    init() throws { world = try EmailIdentityFixture() }

    private func count(_ sql: String) throws -> Int { Int(try world.value(sql) ?? "") ?? -1 }
    private var participants: Int { get throws { try count("SELECT COUNT(*) AS v FROM participants") } }

    @Test func aStrangerLeavesNoParticipantRowAndNoText() throws {
        let before = try participants
        let outcome = try world.send("Cheap watches, best prices! Reply now", from: "deals@spam.example")
        #expect(outcome == .processed(messages: 1))
        #expect(try participants == before)
        #expect(try count("SELECT COUNT(*) AS v FROM conversations WHERE address = 'deals@spam.example'") == 0)
        #expect(try world.value("SELECT body AS v FROM inbound_messages WHERE sender = 'deals@spam.example'") == "")
        #expect(try world.mails(to: "deals@spam.example").count == 1)
    }

    @Test func aStrangerGetsTheJoinHintAtMostOnceADay() throws {
        for _ in 0..<3 { try world.send("Purple elephants are dancing", from: "zoe@example.net") }
        #expect(try world.mails(to: "zoe@example.net").count == 1)
        #expect(try world.mails(to: "zoe@example.net").first?.hasPrefix("I don't know this address yet.") == true)
        try world.send("Purple elephants are dancing", from: "zoe@example.net", via: world.later(EmailIdentityFixture.now + 86_460_000))
        #expect(try world.mails(to: "zoe@example.net").count == 2)
    }

    @Test func aStrangersAttachmentIsNotStored() throws {
        let pdf = Data("%PDF-1.4\n%%EOF\n".utf8).base64EncodedString()
        let raw = EmailTestSupport.email(
            from: "zoe@example.net", id: "pdf@x", extraHeaders: ["Content-Type: multipart/mixed; boundary=\"b\""],
            body: "--b\nContent-Type: text/plain\n\nreceipt\n--b\nContent-Type: application/pdf\n"
                + "Content-Disposition: attachment; filename=\"r.pdf\"\nContent-Transfer-Encoding: base64\n\n"
                + "\(pdf)\n--b--\n")
        try world.ingest.ingest(raw: raw)
        #expect(try count("SELECT COUNT(*) AS v FROM attachments") == 0)
    }

    @Test func joiningWithAValidCodeMakesAParticipant() throws {
        let before = try participants
        try world.send("join \(EmailIdentityFixture.joinCode)", from: "dana@example.net")
        #expect(try participants == before + 1)
        #expect(try world.mails(to: "dana@example.net").last?.contains("What is your name?") == true)
        try world.reply("Dana Petrova\nmentee\nyes", from: "dana@example.net")
        #expect(try world.mails(to: "dana@example.net").last?.contains("Welcome to Exchange!") == true)
    }

    @Test func aWrongCodeIsRefusedAtOnceAndKeepsNothing() throws {
        let before = try participants
        try world.send("join ZZZ-999", from: "dana@example.net")
        #expect(try participants == before)
        #expect(try world.mails(to: "dana@example.net").last?.contains(#"I don't know the code "ZZZ-999""#) == true)
    }

    @Test func aDangerWordFromAStrangerGetsTheSafetyAnswerAndKeepsNothing() throws {
        let before = try participants
        try world.send("concern", from: "pupil@example.net")
        #expect(try world.mails(to: "pupil@example.net").last?.contains("call 112") == true)
        #expect(try participants == before)
    }

    @Test func aStrangerTheMailServerMarkedFailingSPFGetsNothing() throws {
        let fail = EmailIdentityFixture.authenticationResults("spf=fail smtp.mailfrom=example.net")
        guard case .ignored = try world.send("hello", from: "zoe@example.net", headers: [fail]) else {
            Issue.record("processed")
            return
        }
        #expect(try world.mails(to: "zoe@example.net").isEmpty)
    }

    @Test func strangersOfOneDomainAreCappedPerMinute() throws {
        let limited = world.later(EmailIdentityFixture.now, defaults: .init(maxStrangerMessagesPerDomainPerMinute: 2))
        for index in 0..<4 { try world.send("hi", from: "s\(index)@spam.example", via: limited) }
        try world.send("hi", from: "other@example.net", via: limited)
        #expect(try count("SELECT COUNT(*) AS v FROM inbound_messages WHERE stranger_domain = 'spam.example'") == 2)
        #expect(try world.mails(to: "s3@spam.example").isEmpty)
        #expect(try world.mails(to: "other@example.net").count == 1)
    }

    @Test func strangersTogetherAreCappedPerMinute() throws {
        let limited = world.later(EmailIdentityFixture.now, defaults: .init(maxStrangerMessagesPerMinute: 3))
        for index in 0..<5 { try world.send("hi", from: "p\(index)@d\(index).example", via: limited) }
        #expect(try count("SELECT COUNT(*) AS v FROM inbound_messages WHERE stranger_domain IS NOT NULL") == 3)
        #expect(try world.mails(to: "p4@d4.example").isEmpty)
    }

    @Test func aMatrixStrangerIsNoParticipantEither() throws {
        let before = try participants
        let outcome = try world.pipeline.receive(InboundMessage(
            channel: .matrix, externalID: "$e1", sender: "@eve:evil.example", conversation: "!room", text: "hello"))
        #expect(outcome == .stranger)
        #expect(try participants == before)
        #expect(try world.value("SELECT stranger_domain AS v FROM inbound_messages WHERE external_id = '$e1'")
            == "evil.example")
    }

    @Test func channelsMayKeepFilesOnlyOfParticipantsUnderTheirLimit() throws {
        let pipeline = world.pipeline
        let answers = try pipeline.database.write { connection in
            let senders: [(ChannelID, String)] =
                [(.matrix, "@eve:evil.example"), (.email, "zoe@example.net"), (.email, "ana@example.org")]
            return try senders.map {
                try pipeline.mayKeepFiles(channel: $0.0, sender: $0.1, connection, now: EmailIdentityFixture.now)
            }
        }
        #expect(answers == [false, false, true])
    }

    @Test func aKnownParticipantIsUntouchedByTheStrangerRules() throws {
        try world.send("my log", from: "ana@example.org")
        #expect(try world.value("SELECT body AS v FROM inbound_messages WHERE sender = 'ana@example.org' "
            + "ORDER BY id DESC LIMIT 1") == "my log")
    }
}

import Channels
import Testing

/// The RFC 5322 messages Tandem sends: headers, encodings, structure — read back with our own MIME parser.
@Suite("OutgoingMailBuilder")
struct SMTPMessageBuilderTests {
    static let date: Int64 = 1_773_482_400_000  // Sat, 14 Mar 2026 10:00:00 UTC

    static func mail(
        subject: String = "Re: Log your meeting", text: String = "Saved.\nMeetings logged so far: 1.",
        html: String? = nil, attachments: [OutgoingMailAttachment] = []
    ) -> OutgoingMail {
        OutgoingMail(
            from: MIMEAddress(address: "tandem@example.org", displayName: "Tandem"),
            to: [MIMEAddress(address: "ana@example.org")],
            replyTo: MIMEAddress(address: "tandem+ab12@example.org", displayName: "Tandem"), subject: subject,
            date: date, messageID: "42.deadbeef@example.org", inReplyTo: "m1@mail.example.org",
            references: ["m0@mail.example.org", "m1@mail.example.org"], autoSubmitted: .autoReplied, text: text,
            html: html, attachments: attachments)
    }

    static func render(_ mail: OutgoingMail) -> String {
        String(decoding: OutgoingMailBuilder.render(mail), as: UTF8.self)
    }

    /// The header block: everything before the first blank line.
    static func headerBlock(_ message: String) -> String {
        String(message.split(separator: "\r\n\r\n", maxSplits: 1).first ?? "")
    }

    @Test func writesTheHeadersOfAThreadedAutomaticReply() throws {
        let message = Self.render(Self.mail())
        let headers = Self.headerBlock(message)
        #expect(headers.contains("From: Tandem <tandem@example.org>\r\n"))
        #expect(headers.contains("To: ana@example.org\r\n"))
        #expect(headers.contains("Reply-To: Tandem <tandem+ab12@example.org>\r\n"))
        #expect(headers.contains("Subject: Re: Log your meeting\r\n"))
        #expect(headers.contains("Date: Sat, 14 Mar 2026 10:00:00 +0000\r\n"))
        #expect(headers.contains("Message-ID: <42.deadbeef@example.org>\r\n"))
        #expect(headers.contains("In-Reply-To: <m1@mail.example.org>\r\n"))
        #expect(headers.contains("References: <m0@mail.example.org>\r\n <m1@mail.example.org>\r\n"))
        #expect(headers.contains("Auto-Submitted: auto-replied\r\n"))
        #expect(headers.contains("MIME-Version: 1.0\r\n"))
        #expect(headers.contains(
            "Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable"))
        #expect(!message.replacing("\r\n", with: "").contains("\n"), "bare LF")
        #expect(!message.replacing("\r\n", with: "").contains("\r"), "bare CR")

        let parsed = try MIMEParser.parse(OutgoingMailBuilder.render(Self.mail()))
        #expect(parsed.from == MIMEAddress(address: "tandem@example.org", displayName: "Tandem"))
        #expect(parsed.messageID == "42.deadbeef@example.org")
        #expect(parsed.inReplyTo == "m1@mail.example.org")
        #expect(parsed.references == ["m0@mail.example.org", "m1@mail.example.org"])
        #expect(parsed.textBody == "Saved.\nMeetings logged so far: 1.")
        #expect(parsed.isAutomated, "our own mail reads as automated to our own parser (loop prevention)")
    }

    @Test func encodesNonASCIISubjectsAndNamesAsEncodedWords() throws {
        let subject = "Отг: Среща в петък — görüşme tarihi ✓ " + String(repeating: "дълга тема ", count: 8) + "!"
        var mail = Self.mail(subject: subject)
        mail.to = [MIMEAddress(address: "ana@example.bg", displayName: "Ана Петрова")]
        mail.from = MIMEAddress(address: "tandem@example.org", displayName: "Tandem, the \"bot\"")
        let message = Self.render(mail)
        let headers = Self.headerBlock(message)
        #expect(headers.contains("Subject: =?utf-8?B?"))
        #expect(headers.contains("From: \"Tandem, the \\\"bot\\\"\" <tandem@example.org>"))
        #expect(headers.unicodeScalars.allSatisfy { $0.isASCII }, "headers are 7-bit")
        for line in headers.split(separator: "\r\n") { #expect(line.count <= 998) }
        for word in headers.split(separator: " ") where word.hasPrefix("=?") { #expect(word.count <= 75) }
        let parsed = try MIMEParser.parse(Array(message.utf8))
        #expect(parsed.subject == mail.subject)
        #expect(parsed.to == [MIMEAddress(address: "ana@example.bg", displayName: "Ана Петрова")])
        #expect(parsed.from?.displayName == "Tandem, the \"bot\"")
    }

    @Test(arguments: [
        "Hello\r\nBcc: victim@example.org", "Hello\nBcc: victim@example.org", "Hello\rBcc: victim@example.org",
        "Hello\u{2028}Bcc: victim@example.org", "Hello\u{85}Bcc: victim@example.org",
        "Привет\r\nBcc: victim@example.org",
    ])
    func lineBreaksInHeaderValuesNeverStartAHeader(injected: String) throws {
        var mail = Self.mail(subject: injected)
        mail.to = [MIMEAddress(address: "ana@example.org>\r\nBcc: victim@example.org", displayName: injected)]
        mail.inReplyTo = "m1@x>\r\nBcc: victim@example.org"
        mail.attachments = [OutgoingMailAttachment(filename: injected, mediaType: "text/plain\r\nBcc: v@x", bytes: [1])]
        let message = Self.render(mail)
        let lines = message.split(separator: "\r\n", omittingEmptySubsequences: false)
        #expect(!lines.contains { $0.lowercased().hasPrefix("bcc:") })
        let parsed = try MIMEParser.parse(Array(message.utf8))
        #expect(!parsed.headers.contains("Bcc"))
        #expect(parsed.headers.values(for: "to").count == 1)
        #expect(parsed.attachments.count == 1)
    }

    @Test func bodyIsQuotedPrintableUTF8WithShortLines() throws {
        let long = "Здравейте, Ана! " + String(repeating: "Съобщение с дълги редове и тире — ", count: 6)
        let text = long + "\nFrom here on\n.\ntrailing space \nend=1"
        let bytes = OutgoingMailBuilder.render(Self.mail(text: text))
        let message = String(decoding: bytes, as: UTF8.self)
        #expect(bytes.allSatisfy { $0 < 0x80 }, "the whole message is 7-bit")
        for line in message.split(separator: "\r\n") { #expect(line.utf8.count <= 78) }
        #expect(message.contains("\r\n=46rom here on\r\n"))
        #expect(message.contains("\r\n=2E\r\n"))
        #expect(message.contains("trailing space=20\r\n"))
        #expect(message.contains("end=3D1"))
        #expect(try MIMEParser.parse(bytes).textBody == text)
    }

    @Test func htmlMakesAnAlternative() throws {
        let bytes = OutgoingMailBuilder.render(Self.mail(html: "<p>Saved.</p>"))
        let parsed = try MIMEParser.parse(bytes)
        #expect(parsed.root.contentType.mediaType == "multipart/alternative")
        #expect(parsed.root.children.map(\.contentType.mediaType) == ["text/plain", "text/html"])
        #expect(parsed.textBody == "Saved.\nMeetings logged so far: 1.")
        #expect(parsed.attachments.isEmpty)
    }

    @Test func attachmentsMakeAMixedMessageWithBase64Files() throws {
        let pdf = Array("%PDF-1.4\n".utf8) + (0..<3000).map { UInt8($0 % 256) }
        let invite = Array("BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n".utf8)
        let bytes = OutgoingMailBuilder.render(Self.mail(html: "<p>x</p>", attachments: [
            OutgoingMailAttachment(filename: "receipt März.pdf", mediaType: "application/pdf", bytes: pdf),
            OutgoingMailAttachment(filename: "meeting.ics", mediaType: "text/calendar; method=REQUEST", bytes: invite),
        ]))
        let message = String(decoding: bytes, as: UTF8.self)
        for line in message.split(separator: "\r\n") { #expect(line.utf8.count <= 78) }
        #expect(message.contains("filename*=utf-8''receipt%20M%C3%A4rz.pdf"))
        let parsed = try MIMEParser.parse(bytes)
        #expect(parsed.root.contentType.mediaType == "multipart/mixed")
        #expect(parsed.attachments.count == 2)
        #expect(parsed.attachments.first?.bytes.count == pdf.count)
        #expect(parsed.attachments.first?.bytes.suffix(4) == pdf.suffix(4))
        #expect(parsed.attachments.first?.bytes == pdf)
        #expect(parsed.attachments.first?.filename == "receipt März.pdf")
        #expect(parsed.attachments.first?.detectedMediaType == "application/pdf")
        #expect(parsed.attachments.last?.bytes == invite)
        #expect(parsed.attachments.last?.declaredMediaType == "text/calendar")
        #expect(parsed.textBody == "Saved.\nMeetings logged so far: 1.")
    }

    @Test func aCalendarFileIsATextCalendarPartThatPublishes() throws {
        let calendar = Array("BEGIN:VCALENDAR\r\nMETHOD:PUBLISH\r\nSUMMARY:Среща\r\nEND:VCALENDAR\r\n".utf8)
        let bytes = OutgoingMailBuilder.render(Self.mail(attachments: [
            OutgoingMailAttachment(
                filename: "mentoring-sessions.ics", mediaType: "text/calendar; charset=utf-8; method=PUBLISH",
                bytes: calendar),
        ]))
        let message = String(decoding: bytes, as: UTF8.self)
        #expect(message.contains("\r\nContent-Type: text/calendar; charset=utf-8; method=PUBLISH\r\n"
            + "Content-Disposition: attachment;\r\n filename=\"mentoring-sessions.ics\"\r\n"
            + "Content-Transfer-Encoding: base64\r\n\r\n"))
        let parsed = try MIMEParser.parse(bytes)
        #expect(parsed.root.contentType.mediaType == "multipart/mixed")
        #expect(parsed.root.children.map(\.contentType.mediaType) == ["text/plain", "text/calendar"])
        let part = try #require(parsed.root.children.last)
        #expect(part.contentType.parameters == ["charset": "utf-8", "method": "PUBLISH"])
        #expect(part.body == calendar)
        #expect(parsed.attachments.map(\.filename) == ["mentoring-sessions.ics"])
        #expect(parsed.textBody == "Saved.\nMeetings logged so far: 1.")
    }

    @Test(arguments: [
        (Int64(0), "Thu, 1 Jan 1970 00:00:00 +0000"), (Int64(951_782_400_000), "Tue, 29 Feb 2000 00:00:00 +0000"),
        (Int64(1_773_482_400_000), "Sat, 14 Mar 2026 10:00:00 +0000"),
        (Int64(4_102_444_799_000), "Thu, 31 Dec 2099 23:59:59 +0000"),
    ])
    func datesAreRFC5322InUTC(epochMilliseconds: Int64, expected: String) {
        var mail = Self.mail()
        mail.date = epochMilliseconds
        #expect(Self.render(mail).contains("\r\nDate: \(expected)\r\n"))
    }

    @Test func notificationsAreAutoGenerated() {
        var mail = Self.mail()
        mail.autoSubmitted = .autoGenerated
        mail.inReplyTo = nil
        mail.references = []
        let headers = Self.headerBlock(Self.render(mail))
        #expect(headers.contains("Auto-Submitted: auto-generated"))
        #expect(!headers.contains("In-Reply-To"))
        #expect(!headers.contains("References"))
    }
}

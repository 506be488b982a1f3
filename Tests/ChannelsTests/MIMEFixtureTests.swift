@testable import Channels
import Foundation
import Testing

/// Parses every fixture in `Fixtures/mime/` (read by path: SwiftPM resources are not declared for this target)
/// and checks it against the table below.
@Suite("MIME fixtures")
struct MIMEFixtureTests {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Fixtures/mime")

    static func load(_ name: String) throws -> [UInt8] {
        Array(try Data(contentsOf: directory.appendingPathComponent(name + ".eml")))
    }

    static let expectations: [MIMEFixtureExpectation] = [
        MIMEFixtureExpectation(
            file: "gmail-alternative", subject: "Meeting notes",
            snippets: [
                "We met on Tuesday for 45 minutes and talked about visa rules – next time we will "
                + "look at housing.",
            ],
            absent: ["<div"],
            from: "ana.petrova@gmail.com"
        ),
        MIMEFixtureExpectation(
            file: "gmail-reply-en", subject: "Re: How did your meeting go?",
            snippets: ["It went well, we covered the budget.", "> How did your meeting go?"],
            newText: "It went well, we covered the budget.",
            from: "john.smith@gmail.com"
        ),
        MIMEFixtureExpectation(
            file: "outlook-reply-en", subject: "RE: Agenda for next session",
            snippets: ["Let’s discuss the “city twinning” report and the budget."],
            newText: "Let’s discuss the “city twinning” report and the budget.\n\nKind regards,\nMaria"
        ),
        MIMEFixtureExpectation(
            file: "apple-mail-nested-mixed-related-alternative", subject: "Receipt for the train tickets",
            snippets: ["Here is the receipt for the train tickets, 84 EUR."],
            attachments: [("logo.png", "image/png"), ("receipt-0312.pdf", "application/pdf")]
        ),
        MIMEFixtureExpectation(
            file: "thunderbird-format-flowed", subject: "Feedback on the programme",
            snippets: [
                "The programme is very useful and the pairing worked well for our city. I would like "
                + "more time for the site visits — maybe two days instead of one.",
            ],
            newText: "The programme is very useful and the pairing worked well for our city. I would like "
                + "more time for the site visits — maybe two days instead of one."
        ),
        MIMEFixtureExpectation(
            file: "thunderbird-pdf-attachment", subject: "Signed agreement",
            snippets: ["Please find the signed agreement attached."],
            absent: ["This is a multi-part message"],
            attachments: [("Agreement signed.pdf", "application/pdf")]
        ),
        MIMEFixtureExpectation(
            file: "iphone-jpeg-inline", subject: "Photo of the whiteboard",
            snippets: ["Whiteboard from today:", "Sent from my iPhone"],
            attachments: [("IMG_0042.JPG", "image/jpeg")],
            newText: "Whiteboard from today:"
        ),
        MIMEFixtureExpectation(
            file: "heic-photo-octet-stream", subject: "Fotoğraf",
            snippets: ["Toplantıdan bir fotoğraf."],
            attachments: [("IMG_1234.HEIC", "image/heic")]
        ),
        MIMEFixtureExpectation(
            file: "mislabelled-pdf-as-jpeg", subject: "scan",
            snippets: ["scan attached"],
            attachments: [("scan.jpg", "application/pdf"), ("attachment.gif", "image/gif")]
        ),
        MIMEFixtureExpectation(
            file: "rfc2231-filename-utf8", subject: "Отчет",
            snippets: ["Прилагам отчета."],
            attachments: [("Отчет март.pdf", "application/pdf")]
        ),
        MIMEFixtureExpectation(
            file: "rfc2231-continuations-iso-8859-9", subject: "Notlar",
            snippets: ["Notlar ektedir."],
            attachments: [("Görüşme notları - Mart 2025 - İstanbul ve Sofya.pdf", "application/pdf")]
        ),
        MIMEFixtureExpectation(
            file: "outlook-encoded-word-filename", subject: "Фактура",
            snippets: ["Фактурата е приложена."],
            attachments: [("Фактура №15.pdf", "application/pdf")],
            from: "maria@example.bg"
        ),
        MIMEFixtureExpectation(
            file: "raw-utf8-filename", subject: "Görüşme notları",
            snippets: ["Görüşme notlarını ekledim."],
            attachments: [("Görüşme notları.pdf", "application/pdf")]
        ),
        MIMEFixtureExpectation(
            file: "path-traversal-filenames", subject: "files",
            snippets: ["see files"],
            attachments: [
                ("passwd", "application/octet-stream"),
                ("report.pdf", "application/pdf"),
                ("badname.pdf", "application/pdf"),
                ("attachment.pdf", "application/pdf"),
            ]
        ),
        MIMEFixtureExpectation(
            file: "encoded-subject-b-split", subject: "Здравейте, среща в петък",
            snippets: ["Ще се видим в петък в 14:30."]
        ),
        MIMEFixtureExpectation(
            file: "encoded-subject-q-iso-8859-9", subject: "Re: Görüşme tarihi (ertelendi)",
            snippets: ["Görüşme tarihi değişti: 20 Mart Perşembe."]
        ),
        MIMEFixtureExpectation(
            file: "qp-lowercase-hex-soft-breaks", subject: "QP test",
            snippets: [
                "Café meeting at 10, cost 5€ per person. This line is long and continues here. 2+2=4 "
                + "stays.",
            ]
        ),
        MIMEFixtureExpectation(
            file: "base64-messy-whitespace", subject: "b64",
            snippets: ["Base64 body with odd line breaks – and it still decodes."]
        ),
        MIMEFixtureExpectation(
            file: "bare-lf-multipart", subject: "bare LF",
            snippets: ["Line one.\nLine two."],
            attachments: [("dot.png", "image/png")]
        ),
        MIMEFixtureExpectation(
            file: "missing-final-boundary", subject: "truncated",
            snippets: ["The text survives."],
            absent: ["preamble"],
            attachments: [("partial.pdf", "application/pdf")]
        ),
        MIMEFixtureExpectation(
            file: "odd-boundary-characters", subject: "odd boundary",
            snippets: ["Grüße aus München."],
            absent: ["plain text attachment"],
            attachments: [("notes.txt", "application/octet-stream")]
        ),
        MIMEFixtureExpectation(
            file: "html-only", subject: "HTML only",
            snippets: [
                "Dear participant,",
                "Fish & chips <tonight> at \"The Anchor\" – it's ☺\nSecond line",
                "- Item one\n- Item two",
                "Date 20 March",
            ],
            absent: ["Ignored title", "alert", "color: red", "a comment"],
            automated: true  // sent from noreply@: nobody reads an answer
        ),
        MIMEFixtureExpectation(
            file: "forwarded-message-rfc822", subject: "Fwd: Hotel booking",
            snippets: ["Forwarding the hotel confirmation."],
            absent: ["Your booking 4711"],
            attachments: [("Booking confirmation 4711.eml", "message/rfc822")]
        ),
        MIMEFixtureExpectation(
            file: "gmail-forwarded-inline", subject: "Fwd: Visa appointment",
            snippets: ["FYI, the appointment moved.", "Your appointment is now on 25 March."],
            newText: "FYI, the appointment moved."
        ),
        MIMEFixtureExpectation(
            file: "bounce-multipart-report", subject: "Undelivered Mail Returned to Sender",
            snippets: ["could not\nbe delivered"],
            absent: ["Reporting-MTA"],
            automated: true,
            from: "MAILER-DAEMON@mail.example.org"
        ),
        MIMEFixtureExpectation(
            file: "auto-reply-outlook-oof", subject: "Automatic reply: Agenda for next session",
            snippets: ["I am out of the office until 24 March with limited access to email."],
            automated: true
        ),
        MIMEFixtureExpectation(
            file: "auto-reply-vacation-x-autoreply", subject: "Away: Your next meeting",
            snippets: ["I am on holiday until Monday."],
            automated: true
        ),
        MIMEFixtureExpectation(
            file: "mailing-list-mailman", subject: "[mentors] Tips for the first meeting",
            snippets: ["Bring a printed agenda."],
            automated: true,
            newText: "Bring a printed agenda."
        ),
        MIMEFixtureExpectation(
            file: "newsletter-list-unsubscribe", subject: "March newsletter",
            snippets: ["This month: three new city pairs."],
            automated: true
        ),
        MIMEFixtureExpectation(
            file: "pgp-signed", subject: "Signed note",
            snippets: ["Signed: the meeting is confirmed."],
            attachments: [("OpenPGP_signature.asc", "application/octet-stream")]
        ),
        MIMEFixtureExpectation(
            file: "smime-signed", subject: "Confirmed",
            snippets: ["Confirmed for Thursday."],
            attachments: [("smime.p7s", "application/octet-stream")]
        ),
        MIMEFixtureExpectation(
            file: "calendar-invite", subject: "Invitation: Mentoring session @ Thu 20 Mar 2025 14:00 - 15:00 (EET)",
            snippets: ["Thursday 20 March 2025"],
            absent: ["BEGIN:VCALENDAR"],
            attachments: [("invite.ics", "application/octet-stream")]
        ),
        MIMEFixtureExpectation(
            file: "plain-rfc822-no-mime", subject: "plain old mail",
            snippets: ["Just plain text, no MIME at all."],
            from: "prof@old.example.edu"
        ),
        MIMEFixtureExpectation(
            file: "mbox-from-line", subject: "from mbox",
            snippets: ["Body after an mbox separator."],
            from: "ana.petrova@gmail.com"
        ),
        MIMEFixtureExpectation(
            file: "unknown-charset", subject: "unknown charset",
            snippets: ["Naïve café ✓"]
        ),
        MIMEFixtureExpectation(
            file: "invalid-utf8", subject: nil,
            snippets: ["valid start Ã( bad â‚ truncated"]  // no UTF-8 sequence in it: read as windows-1252
        ),
        MIMEFixtureExpectation(
            file: "bg-windows-1251", subject: "Здравейте, отчет за срещата",
            snippets: ["Здравейте,\nСрещата беше в сряда, 45 минути. Говорихме за бюджета."],
            from: "maria.ivanova@abv.bg"
        ),
        MIMEFixtureExpectation(
            file: "bg-koi8-r", subject: "Здравейте от Пловдив",
            snippets: ["Здравейте! Следващата среща е в четвъртък."]
        ),
        MIMEFixtureExpectation(
            file: "bg-iso-8859-5", subject: "Здравейте, въпрос",
            snippets: ["Здравейте, имам въпрос за пътните разходи."]
        ),
        MIMEFixtureExpectation(
            file: "bg-gmail-reply-utf8", subject: "Re: Как мина срещата?",
            snippets: ["Срещата мина добре, обсъдихме визите."],
            newText: "Срещата мина добре, обсъдихме визите."
        ),
        MIMEFixtureExpectation(
            file: "bg-outlook-reply-cp1251", subject: "RE: Дневен ред",
            snippets: ["Добре, ще подготвя презентацията."],
            newText: "Добре, ще подготвя презентацията.\n\nПоздрави,\nМария"
        ),
        MIMEFixtureExpectation(
            file: "tr-iso-8859-9", subject: "Görüşme özeti",
            snippets: ["Görüşme çok verimliydi. Işıl ve Çağrı katıldı; şehir eşleştirmesini konuştuk."]
        ),
        MIMEFixtureExpectation(
            file: "tr-outlook-reply-cp1254", subject: "YNT: Görüşme",
            snippets: ["Görüşme Perşembe günü saat 14:30'da."],
            newText: "Görüşme Perşembe günü saat 14:30'da.\n\nSaygılarımla,\nMehmet"
        ),
        MIMEFixtureExpectation(
            file: "tr-gmail-reply-utf8", subject: "Re: Görüşme nasıl geçti?",
            snippets: ["Görüşme iyi geçti, 1 saat sürdü."],
            newText: "Görüşme iyi geçti, 1 saat sürdü."
        ),
        MIMEFixtureExpectation(
            file: "tr-apple-mail-reply", subject: "Re: Toplantı",
            snippets: ["Evet, katılacağım."],
            newText: "Evet, katılacağım."
        ),
        MIMEFixtureExpectation(
            file: "bg-raw-8bit-headers-cp1251", subject: "Въпрос за срещата",
            snippets: ["Кога е следващата среща?"],
            from: "ivan@example.bg"
        ),
        MIMEFixtureExpectation(
            file: "key-value-form-reply", subject: "Re: Log your meeting",
            snippets: ["Duration: 45 min"],
            newText: "Date: yesterday\nDuration: 45 min\nTopics: visa rules, housing\nStarted at 14:30 "
                + "sharp.\nNotes: see https://example.org/notes"
        ),
        MIMEFixtureExpectation(
            file: "yahoo-alternative-base64", subject: "Hello",
            snippets: ["Здравейте! Hello! Merhaba!"]
        ),
        MIMEFixtureExpectation(
            file: "multipart-digest", subject: "mentors Digest, Vol 3, Issue 1",
            snippets: ["Today's Topics"],
            attachments: [("First.eml", "message/rfc822"), ("Second.eml", "message/rfc822")],
            automated: true
        ),
        MIMEFixtureExpectation(
            file: "read-receipt-mdn", subject: "Read: Agenda for next session",
            snippets: ["Your message was read"],
            automated: true
        ),
        MIMEFixtureExpectation(
            file: "outlook-docx-attachment", subject: "Report draft",
            snippets: ["Draft attached."],
            attachments: [("Report draft v2.docx", "application/zip")]
        ),
    ]

    @Test func thereAreAtLeastFortyFixturesAndEachHasAnExpectation() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.directory.path)
            .filter { $0.hasSuffix(".eml") }.map { String($0.dropLast(4)) }
        #expect(files.count >= 40)
        #expect(Set(files) == Set(Self.expectations.map(\.file)))
    }

    @Test(arguments: expectations)
    func fixtureParsesAsExpected(_ expected: MIMEFixtureExpectation) throws {
        let message = try MIMEParser.parse(try Self.load(expected.file))
        expected.verify(message)
    }

    @Test(arguments: expectations.map(\.file))
    func truncatedFixturesNeverCrash(_ file: String) throws {
        let bytes = try Self.load(file)
        MIMEFixtureExpectation.parseTruncatedAndCorrupted(bytes)
    }
}

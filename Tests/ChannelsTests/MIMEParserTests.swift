import Bench
@testable import Channels
import Testing

@Suite("MIMEParser")
struct MIMEParserTests {
    static func parse(_ text: String, limits: MIMELimits = .init()) throws(MIMEError) -> MIMEMessage {
        try MIMEParser.parse(Array(text.utf8), limits: limits)
    }

    /// `levels` multiparts nested in each other around one text part.
    static func nested(_ levels: Int) -> String {
        var body = "Content-Type: text/plain\r\n\r\ndeep text\r\n"
        for level in (0..<levels).reversed() {
            let header = "Content-Type: multipart/mixed; boundary=\"b\(level)\"\r\n\r\n"
            body = header + "--b\(level)\r\n\(body)--b\(level)--\r\n"
        }
        return "Subject: deep\r\n" + body
    }

    /// A multipart/mixed with `count` small text parts.
    static func wide(_ count: Int) -> String {
        var text = "Subject: wide\r\nContent-Type: multipart/mixed; boundary=w\r\n\r\n"
        for index in 0..<count { text += "--w\r\nContent-Type: text/plain\r\n\r\npart \(index)\r\n" }
        return text + "--w--\r\n"
    }

    // MARK: - Limits

    @Test func depthLimit() throws {
        #expect(try Self.parse(Self.nested(10)).textBody == "deep text")
        #expect(throws: MIMEError.tooDeep(limit: 10)) { try Self.parse(Self.nested(11)) }
        #expect(throws: MIMEError.tooDeep(limit: 3)) { try Self.parse(Self.nested(4), limits: .init(maxDepth: 3)) }
    }

    @Test func attachedMessagesCountTowardsDepth() throws {
        var text = "Subject: inner\r\n\r\ninnermost"
        for _ in 0..<11 { text = "Content-Type: message/rfc822\r\n\r\n" + text }
        #expect(throws: MIMEError.tooDeep(limit: 10)) { try Self.parse(text) }
    }

    @Test func partLimit() throws {
        #expect(try Self.parse(Self.wide(100)).textBody.contains("part 99"))
        #expect(throws: MIMEError.tooManyParts(limit: 100)) { try Self.parse(Self.wide(101)) }
        #expect(throws: MIMEError.tooManyParts(limit: 5)) { try Self.parse(Self.wide(6), limits: .init(maxParts: 5)) }
    }

    @Test func sizeLimit() {
        let big = [UInt8](repeating: 0x61, count: 2_000)
        #expect(throws: MIMEError.tooLarge(size: 2_000, limit: 1_000)) {
            try MIMEParser.parse(big, limits: .init(maxTotalBytes: 1_000))
        }
        #expect(MIMELimits().maxTotalBytes == 25 * 1024 * 1024)
    }

    @Test func oversizeDefaultLimitIsRejectedBeforeParsing() {
        let huge = [UInt8](repeating: 0x41, count: 25 * 1024 * 1024 + 1)
        #expect(throws: MIMEError.tooLarge(size: huge.count, limit: 25 * 1024 * 1024)) { try MIMEParser.parse(huge) }
    }

    @Test func headerLimits() {
        let longLine = "Subject: " + String(repeating: "x", count: 9_000) + "\r\n\r\nbody"
        #expect(throws: MIMEError.headerLineTooLong(limit: 8 * 1024)) { try Self.parse(longLine) }
        let longFold = "Subject: a\r\n " + String(repeating: "y", count: 9_000) + "\r\n\r\nbody"
        #expect(throws: MIMEError.headerLineTooLong(limit: 8 * 1024)) { try Self.parse(longFold) }
        let many = String(repeating: "X-A: 1\r\n", count: 501) + "\r\nbody"
        #expect(throws: MIMEError.tooManyHeaders(limit: 500)) { try Self.parse(many) }
        #expect(throws: MIMEError.tooManyHeaders(limit: 3)) {
            try Self.parse("A: 1\r\nB: 2\r\nC: 3\r\nD: 4\r\n\r\n", limits: .init(maxHeaderCount: 3))
        }
        // A long line in a body is not a header line.
        #expect(throws: Never.self) { try Self.parse("Subject: x\r\n\r\n" + String(repeating: "z", count: 20_000)) }
    }

    @Test func emptyInputIsAnError() {
        #expect(throws: MIMEError.empty) { try MIMEParser.parse([]) }
        #expect(MIMEError.tooDeep(limit: 10).description.contains("10"))
    }

    // MARK: - Garbage never crashes

    @Test(arguments: 0..<64)
    func randomBytesNeverCrash(seed: Int) {
        var generator = SplitMix64(seed: UInt64(seed))
        let length = Int(generator.next() % 4_096)
        var bytes = (0..<length).map { _ in UInt8(truncatingIfNeeded: generator.next()) }
        // Half the inputs get MIME-looking structure sprinkled in, to reach deeper code paths.
        if seed % 2 == 0 {
            let pieces = [
                "\r\n", "\n", "--b\r\n", "Content-Type: multipart/mixed; boundary=b\r\n", ": ", "=?utf-8?B?", "?=",
                "=\r\n", "=4", "Content-Transfer-Encoding: base64\r\n", "\r\n\r\n", "--b--", "<br>", "&#x",
            ]
            for _ in 0..<40 {
                let piece = Array(pieces[Int(generator.next() % UInt64(pieces.count))].utf8)
                let at = bytes.isEmpty ? 0 : Int(generator.next() % UInt64(bytes.count))
                bytes.insert(contentsOf: piece, at: at)
            }
        }
        if let message = try? MIMEParser.parse(bytes) {
            _ = (message.textBody, message.attachments, message.subject, message.from, message.isAutomated)
            _ = ReplyText.newText(of: message.textBody)
            _ = KeyValueForm.fields(in: message.textBody)
        }
    }

    @Test(arguments: [
        "", "\r\n", "\n\n\n", "Subject: only headers", "Subject: only headers\r\n", "Subject: x\r\n\r\n",
        "\0\0\0\0", "Subject: \0nul\r\n\r\nbody\0body", ":", ": no name\r\n\r\nx", " leading space\r\n",
        "Content-Type: multipart/mixed\r\n\r\n--\r\n", "Content-Type: multipart/mixed; boundary=\"\"\r\n\r\nx",
        "Content-Type: multipart/mixed; boundary=x\r\n\r\n--x",
        "Content-Type: multipart/mixed; boundary=x\r\n\r\n--x--",
        "Content-Type: multipart/alternative; boundary=x\r\n\r\n--x\r\n--x\r\n--x--",
        "Content-Type: message/rfc822\r\n\r\n",
        "Content-Type: text/plain; charset=\"\r\n\r\nunterminated quote",
        "Content-Transfer-Encoding: base64\r\n\r\n====",
        "Content-Transfer-Encoding: quoted-printable\r\n\r\n=", "Content-Transfer-Encoding: quoted-printable\r\n\r\n=Z",
        "Content-Type: text/html\r\n\r\n<", "Content-Type: text/html\r\n\r\n&#xFFFFFFFF; &#0; &#; <!-- <script>",
        "Subject: =?", "Subject: =?utf-8?B?", "Subject: =?utf-8?Q?=?=", "From: <", "From: \"unterminated",
        "From: ((((nested", "Content-Disposition: attachment; filename*0*=; filename*99999999999999999999*=x\r\n\r\nx",
    ])
    func malformedInputNeverCrashes(text: String) {
        if let message = try? Self.parse(text) {
            _ = (message.textBody, message.attachments, message.subject, message.from, message.to, message.references)
        }
    }

    @Test func onlyHeadersGivesAnEmptyBody() throws {
        let message = try Self.parse("Subject: only headers\r\nFrom: a@example.com")
        #expect(message.subject == "only headers")
        #expect(message.textBody.isEmpty)
        #expect(message.attachments.isEmpty)
    }

    @Test func nulBytesSurvive() throws {
        let message = try MIMEParser.parse(Array("Subject: a\0b\r\n\r\nx\0y".utf8))
        #expect(message.subject == "a\0b")
        #expect(message.textBody == "x\0y")
    }

    // MARK: - Structure and transfer encodings

    @Test func quotedPrintableAndBase64() {
        #expect(MIMETransferDecoder.quotedPrintable(Array("a=3Db=3db soft=\r\nbreak=  \r\nx =ZZ end  \r\n".utf8))
            == Array("a=b=b softbreakx =ZZ end\r\n".utf8))
        #expect(MIMETransferDecoder.quotedPrintable(Array("tail=".utf8)) == Array("tail".utf8))
        #expect(MIMETransferDecoder.base64(Array("SGVs\r\n bG8s\tIHdv*cmxk!".utf8)) == Array("Hello, world".utf8))
        #expect(MIMETransferDecoder.base64(Array("YQ==Yg==".utf8)) == Array("ab".utf8))
        #expect(MIMETransferDecoder.base64(Array("".utf8)).isEmpty)
    }

    @Test func alternativePrefersPlainTextButSkipsAnEmptyOne() throws {
        let text = """
            Content-Type: multipart/alternative; boundary=a\r
            \r
            --a\r
            Content-Type: text/plain\r
            \r
            \r
            --a\r
            Content-Type: text/html\r
            \r
            <p>From HTML</p>\r
            --a--\r

            """
        #expect(try Self.parse(text).textBody == "From HTML")
    }

    @Test func htmlToText() {
        let html = """
            <html><head><title>T</title><style>p{}</style></head><body>
            <script type="text/javascript">var a = "<p>";</script>
            <p>First&nbsp;paragraph &amp; more</p><div>Line<br/>break</div>
            <blockquote>quoted<br>two</blockquote><p>After &#8212; &#x41;&lt;&gt;&quot;&#39;</p>
            <pre>  keep   spaces
            here</pre>
            </body></html>
            """
        let text = HTMLToText.plainText(html)
        #expect(text == "First paragraph & more\n\nLine\nbreak\n> quoted\n> two\n\nAfter — A<>\"'"
            + "\n\n  keep   spaces\nhere")
        #expect(HTMLToText.plainText("a &unknown; b & c <not a tag") == "a &unknown; b & c <not a tag")
    }

    @Test func filenamesAreSanitised() {
        #expect(MIMEFilename.sanitise("../../etc/passwd") == "passwd")
        #expect(MIMEFilename.sanitise("C:\\Windows\\system32\\evil.exe") == "evil.exe")
        #expect(MIMEFilename.sanitise("..") == "attachment")
        #expect(MIMEFilename.sanitise("../..", mediaType: "application/pdf") == "attachment.pdf")
        #expect(MIMEFilename.sanitise(nil, mediaType: "image/jpeg") == "attachment.jpg")
        #expect(MIMEFilename.sanitise("bad\r\nname\0.pdf") == "badname.pdf")
        #expect(MIMEFilename.sanitise("a..b...pdf") == "a.b.pdf")
        #expect(MIMEFilename.sanitise(".hidden") == "hidden")
        #expect(MIMEFilename.sanitise("what?<>|*:\".txt") == "what_______.txt")
        #expect(MIMEFilename.sanitise("gpj.\u{202E}exe") == "gpj.exe")
        let long = MIMEFilename.sanitise(String(repeating: "д", count: 300) + ".pdf")
        #expect(long.count == MIMEFilename.maxLength)
        #expect(long.hasSuffix(".pdf"))
    }

    @Test func mediaTypesAreDetectedFromBytes() {
        #expect(MIMEMediaSniffer.mediaType(of: Array("%PDF-1.7".utf8)) == "application/pdf")
        #expect(MIMEMediaSniffer.mediaType(of: [0xFF, 0xD8, 0xFF, 0xE1]) == "image/jpeg")
        #expect(MIMEMediaSniffer.mediaType(of: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) == "image/png")
        #expect(MIMEMediaSniffer.mediaType(of: Array("GIF87a..".utf8)) == "image/gif")
        #expect(MIMEMediaSniffer.mediaType(of: [0, 0, 0, 0x18] + Array("ftypheic".utf8)) == "image/heic")
        #expect(MIMEMediaSniffer.mediaType(of: [0, 0, 0, 0x18] + Array("ftypmif1".utf8)) == "image/heic")
        #expect(MIMEMediaSniffer.mediaType(of: [0, 0, 0, 0x18] + Array("ftypisom".utf8)) == "video/mp4")
        #expect(MIMEMediaSniffer.mediaType(of: Array("RIFF\0\0\0\0WEBPVP8 ".utf8)) == "image/webp")
        #expect(MIMEMediaSniffer.mediaType(of: [0xFF, 0xD8]) == "application/octet-stream")
        #expect(MIMEMediaSniffer.mediaType(of: []) == "application/octet-stream")
    }

    // MARK: - Automated mail

    @Test(arguments: [
        ("Auto-Submitted: auto-replied", true), ("Auto-Submitted: auto-generated", true), ("Auto-Submitted: no", false),
        ("Auto-Submitted: No (person)", false), ("Precedence: bulk", true), ("Precedence: junk", true),
        ("Precedence: list", true), ("Precedence: first-class", false), ("List-Id: <x.example.org>", true),
        ("List-Unsubscribe: <mailto:u@x>", true), ("X-Autoreply: yes", true), ("X-Autorespond: vacation", true),
        ("Return-Path: <>", true), ("Return-Path: < >", true), ("Return-Path: <a@example.com>", false),
        ("From: MAILER-DAEMON@mx.example.com", true), ("From: Mail System <postmaster@example.com>", true),
        ("From: daemon.fan@example.com", false),
        ("Content-Type: multipart/report; report-type=delivery-status; boundary=r", true),
        ("X-Mailer: Outlook", false),
    ])
    func automatedMail(header: String, automated: Bool) throws {
        let message = try Self.parse("To: tandem@example.org\r\n\(header)\r\nSubject: s\r\n\r\nbody")
        #expect(message.isAutomated == automated, "\(message.automationReason ?? "-")")
    }
}

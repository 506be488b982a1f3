import Channels
import Testing

/// Mail read the way people and their clients write it: short answers right above the quote, flowed text, HTML
/// entities, East Asian and mislabelled charsets, broken encoded-words, stray bytes before the headers.
struct MailReadingTests {
    static func parse(_ text: String, headers: [String] = []) throws -> MIMEMessage {
        let lines = ["From: Ana <ana@example.org>", "To: tandem@example.org", "Subject: Re: Tandem"] + headers
        return try MIMEParser.parse(Array((lines.joined(separator: "\r\n") + "\r\n\r\n" + text).utf8))
    }

    // MARK: - The answer above the attribution

    @Test(arguments: [
        // Apple Mail
        ("Yes\nOn 4 Dec 2026, at 13:31, Tandem <tandem@example.org> wrote:\n\n> Save this meeting?", "Yes"),
        // Stock Android mail in Bulgarian
        ("Да\n4.12.2026 13:31, \"Tandem\" <tandem@example.org> написа:\n> Да запиша ли срещата?", "Да"),
        // Russian (Yandex, Mail.ru)
        ("Да\n4 декабря 2026 г., в 13:31, пользователь Tandem <tandem@example.org> написал:\n> ...", "Да"),
        // A time as the answer, and an attribution wrapped over two lines
        ("14:00\nOn Fri, 4 Dec 2026 at 13:31, Tandem <\ntandem@example.org> wrote:\n> What time?", "14:00"),
        // Turkish Gmail, with a blank line (as before)
        ("Evet\n\n4 Ara 2026 Cum, 13:31 tarihinde Tandem <tandem@example.org> şunu yazdı:\n> Kaydedeyim mi?", "Evet"),
        // Old Thunderbird: no date, known by the quote under it
        ("yes\nTandem wrote:\n> Save this meeting?", "yes"),
    ])
    func aShortAnswerRightAboveTheAttributionSurvives(body: String, answer: String) {
        #expect(ReplyText.newText(of: body) == answer)
    }

    @Test func aWrappedAttributionIsStillCutWhole() {
        let body = "Start: 14:00\n\nOn Fri, 4 Dec 2026 at 13:31, Tandem <\ntandem@example.org> wrote:\n> Got it"
        #expect(ReplyText.newText(of: body) == "Start: 14:00")
    }

    @Test func aSentenceEndingInWroteIsTheWritersOwn() {
        #expect(ReplyText.newText(of: "My mentor wrote:\nread chapter 3") == "My mentor wrote:\nread chapter 3")
    }

    // MARK: - format=flowed

    @Test func aFlowedBottomPostIsNotJoinedToTheQuoteAboveIt() throws {
        let message = try Self.parse(
            "On 04/12/2026 13:31, Tandem wrote:\r\n> What time did you \r\n> start? \r\n14:00\r\n",
            headers: ["Content-Type: text/plain; charset=utf-8; format=flowed"])
        #expect(message.textBody == "On 04/12/2026 13:31, Tandem wrote:\n> What time did you start? \n14:00")
        #expect(ReplyText.newText(of: message.textBody) == "14:00")
    }

    @Test func flowedLinesOfOneDepthAreJoinedAndStuffingRemoved() {
        let text = ">> one \n>> two\n> three \n>  four\n five \nsix"
        #expect(MIMEFlowed.unflowed(text) == ">> one two\n> three  four\nfive six")
    }

    // MARK: - HTML

    @Test func everyHTML5NamedReferenceIsDecoded() {
        let html = "<p>&ouml;&Ouml; &NotEqualTilde; &copy 2026 &amp;&lt;tag&gt; &bogus; &eacute;t&eacute;</p>"
        #expect(HTMLToText.plainText(html) == "öÖ ≂̸ © 2026 &<tag> &bogus; été")
    }

    // MARK: - Charsets

    @Test(arguments: [
        ("gb2312", [187, 225, 210, 233, 188, 199, 194, 188] as [UInt8], "会议记录"),
        ("big5", [183, 124, 196, 179, 176, 79, 191, 253], "會議記錄"),
        ("iso-2022-jp", [27, 36, 66, 70, 124, 75, 92, 56, 108, 36, 78, 37, 70, 37, 57, 37, 72, 27, 40, 66],
         "日本語のテスト"),
        ("shift_jis", [147, 250, 150, 123, 140, 234], "日本語"),
        ("euc-kr", [200, 184, 192, 199], "회의"),
        ("utf-7", [71, 114, 43, 65, 80, 119, 65, 51, 119, 45, 101, 32, 43, 73, 75, 119, 45], "Grüße €"),
    ])
    func eastAsianCharsetsAndUTF7AreDecodedThroughIconv(label: String, bytes: [UInt8], text: String) {
        #expect(MIMECharset.decode(bytes, label: label) == (text, true))
    }

    @Test func utf8LabelledLatin1IsReadAsLatin1() {
        #expect(MIMECharset.decode([0x46, 0x72, 0xF6, 0x73, 0x63, 0x68, 0x65], label: "utf-8").text == "Frösche")
    }

    @Test func utf8LabelledLatin1IsReadAsUTF8() {
        #expect(MIMECharset.decode(Array("Frösche".utf8), label: "iso-8859-1").text == "Frösche")
    }

    // MARK: - Headers

    @Test(arguments: [
        "Subject: =?iso-8859-1?Q?Fr\u{F6}sche?=", "Subject: =?utf-8?Q?Fr\u{F6}sche?=",
        "Subject: =?utf-8?Q?Fr=C3=B6sche?=",
    ])
    func anEncodedWordIsDecodedOnce(header: String) throws {
        let raw = "From: ana@example.org\r\n\(header)\r\n\r\nbody"
        #expect(try MIMEParser.parse(Array(raw.utf8)).subject == "Frösche")
    }

    @Test func rawLatin1BytesInsideAnEncodedWordAreDecodedOnce() throws {
        let raw = Array("From: ana@example.org\r\nSubject: =?iso-8859-1?Q?Fr".utf8) + [0xF6]
            + Array("sche?=\r\nContent-Type: text/plain; charset=iso-8859-1\r\n\r\nbody".utf8)
        #expect(try MIMEParser.parse(raw).subject == "Frösche")
    }

    @Test(arguments: ["   ", "\u{FEFF}", "\u{FEFF}\r\n", " \t\r\n"])
    func aMessageStartingWithSpacesOrAByteOrderMarkStillHasItsSender(prefix: String) throws {
        let raw = prefix + "From: Ana <ana@example.org>\r\nSubject: Hi\r\n\r\nYes"
        let message = try MIMEParser.parse(Array(raw.utf8))
        #expect(message.from?.address == "ana@example.org")
        #expect(message.textBody == "Yes")
    }
}

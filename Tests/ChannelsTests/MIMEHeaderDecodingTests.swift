@testable import Channels
import Testing

@Suite("MIME header decoding: RFC 2047, RFC 2231, addresses, ids")
struct MIMEHeaderDecodingTests {
    @Test(arguments: [
        ("=?UTF-8?B?0JfQtNGA0LDQstC10LnRgtC1?=", "Здравейте"),
        ("=?utf-8?q?G=C3=B6r=C3=BC=C5=9Fme_tarihi?=", "Görüşme tarihi"),
        ("=?iso-8859-9?Q?G=F6r=FC=FEme?=", "Görüşme"),
        ("=?windows-1251?B?x+Tw4OLl6fLl?=", "Здравейте"),
        ("=?KOI8-R?Q?=FA=C4=D2=C1=D7=C5=CA=D4=C5?=", "Здравейте"),
        ("=?ISO-8859-5?B?t9Tg0NLV2eLV?=", "Здравейте"),
        // Whitespace (even folding) between adjacent encoded-words is dropped.
        ("=?UTF-8?Q?a?= =?UTF-8?Q?b?=", "ab"),
        ("=?UTF-8?Q?a?=\r\n =?UTF-8?Q?b?=", "ab"),
        // ... but kept between an encoded-word and plain text.
        ("Re: =?UTF-8?Q?caf=C3=A9?= time", "Re: café time"),
        // A character split across two words in the same charset.
        ("=?UTF-8?B?0JfQ?= =?UTF-8?B?tA==?=", "Зд"),
        // Different charsets per word.
        ("=?iso-8859-9?Q?=DE?= =?koi8-r?Q?=FA?=", "ŞЗ"),
        // RFC 2231 language suffix in the charset.
        ("=?UTF-8*bg?Q?=D0=B4=D0=B0?=", "да"),
        // Malformed words are left alone.
        ("=?UTF-8?X?abc?=", "=?UTF-8?X?abc?="),
        ("=?UTF-8?Q?unterminated", "=?UTF-8?Q?unterminated"),
        ("plain text", "plain text"),
    ])
    func encodedWords(raw: String, decoded: String) {
        #expect(MIMEEncodedWords.decode(raw) == decoded)
    }

    @Test func rfc2231ExtendedAndContinuations() {
        let simple = MIMEParameterParser.parse("attachment; filename*=UTF-8''%D0%9E%D1%82%D1%87%D0%B5%D1%82.pdf")
        #expect(simple.token == "attachment")
        #expect(simple.parameters["filename"] == "Отчет.pdf")

        let continued = MIMEParameterParser.parse(
            "attachment; filename*0*=iso-8859-9'tr'G%F6r%FC%FEme%20; filename*1*=notlar%FD; filename*2=\".pdf\"")
        #expect(continued.parameters["filename"] == "Görüşme notları.pdf")

        let plainContinuation = MIMEParameterParser.parse("inline; filename*0=\"long file \"; filename*1=\"name.txt\"")
        #expect(plainContinuation.parameters["filename"] == "long file name.txt")

        // Out of order sections, and an extended value that wins over the plain one.
        let shuffled = MIMEParameterParser.parse(
            "attachment; filename=\"fallback.pdf\"; filename*1*=%20two.pdf; filename*0*=UTF-8''one")
        #expect(shuffled.parameters["filename"] == "one two.pdf")
    }

    @Test func contentTypeParameters() throws {
        let type = try #require(MIMEContentType(parsing: "Multipart/Mixed;\r\n\tboundary=\"a;b=c\" ; Charset=UTF-8"))
        #expect(type.mediaType == "multipart/mixed")
        #expect(type.parameters["boundary"] == "a;b=c")
        #expect(type.parameters["charset"] == "UTF-8")
        #expect(MIMEContentType(parsing: "text") == nil)
        #expect(MIMEContentType(parsing: "") == nil)
        let windowsPath = MIMEParameterParser.parse("attachment; filename=\"C:\\Docs\\a \\\"b\\\".pdf\"")
        #expect(windowsPath.parameters["filename"] == "C:\\Docs\\a \"b\".pdf")
        let encodedName = MIMEParameterParser.parse("attachment; filename=\"=?UTF-8?B?0J7RgtGH0LXRgi5wZGY=?=\"")
        #expect(encodedName.parameters["filename"] == "Отчет.pdf")
    }

    @Test func addresses() {
        let list = MIMEAddressParser.parse(
            "\"Smith, John\" <john@example.com>, ana@example.bg (Ana Petrova), =?UTF-8?B?0JzQsNGA0LjRjw==?= "
                + "<maria@example.bg>, Team: a@example.com, b@example.com;, <@relay:c@example.com>")
        #expect(list == [
            MIMEAddress(address: "john@example.com", displayName: "Smith, John"),
            MIMEAddress(address: "ana@example.bg", displayName: "Ana Petrova"),
            MIMEAddress(address: "maria@example.bg", displayName: "Мария"),
            MIMEAddress(address: "a@example.com"),
            MIMEAddress(address: "b@example.com"),
            MIMEAddress(address: "c@example.com"),
        ])
        #expect(MIMEAddressParser.parse("undisclosed-recipients:;").isEmpty)
        #expect(MIMEAddressParser.parse("") == [])
    }

    @Test func headersAreUnfoldedAndLookedUpInAnyCase() throws {
        let raw = "SUBJECT: a long\r\n\tfolded\r\n  subject\r\nMessage-ID:\r\n <id-1@example.org>\r\n"
            + "References: <a@x>\r\n <b@x> <c@x>\r\nIn-Reply-To: <c@x> (comment)\r\n"
            + "Date: Mon, 3 Mar 2025 10:00 +0200\r\n"
            + "X-Same: 1\r\nx-same: 2\r\n\r\nbody"
        let message = try MIMEParser.parse(Array(raw.utf8))
        #expect(message.subject == "a long\tfolded  subject")
        #expect(message.headers["subject"] == message.headers["Subject"])
        #expect(message.messageID == "id-1@example.org")
        #expect(message.references == ["a@x", "b@x", "c@x"])
        #expect(message.inReplyTo == "c@x")
        #expect(message.date == "Mon, 3 Mar 2025 10:00 +0200")
        #expect(message.headers.values(for: "X-SAME") == ["1", "2"])
        #expect(message.textBody == "body")
    }
}

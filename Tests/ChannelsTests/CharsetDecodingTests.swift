@testable import Channels
import Testing

@Suite("MIMECharset")
struct CharsetDecodingTests {
    static let bulgarianAlphabet = "АБВГДЕЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЬЮЯабвгдежзийклмнопрстуфхцчшщъьюя"
    static let turkishLetters = "ÇĞİÖŞÜçğıöşü"

    @Test(arguments: [
        ("windows-1251", [0xC7, 0xE4, 0xF0, 0xE0, 0xE2, 0xE5, 0xE9, 0xF2, 0xE5] as [UInt8]),
        ("koi8-r", [0xFA, 0xC4, 0xD2, 0xC1, 0xD7, 0xC5, 0xCA, 0xD4, 0xC5]),
        ("iso-8859-5", [0xB7, 0xD4, 0xE0, 0xD0, 0xD2, 0xD5, 0xD9, 0xE2, 0xD5]),
        ("cp1251", [0xC7, 0xE4, 0xF0, 0xE0, 0xE2, 0xE5, 0xE9, 0xF2, 0xE5]),
        ("KOI8-R", [0xFA, 0xC4, 0xD2, 0xC1, 0xD7, 0xC5, 0xCA, 0xD4, 0xC5]),
        ("ISO_8859-5:1988", [0xB7, 0xD4, 0xE0, 0xD0, 0xD2, 0xD5, 0xD9, 0xE2, 0xD5]),
    ])
    func bulgarianGreetingDecodes(label: String, bytes: [UInt8]) {
        #expect(MIMECharset.decode(bytes, label: label) == ("Здравейте", true))
    }

    @Test(arguments: ["iso-8859-9", "windows-1254", "latin5", "cp1254", "ISO8859-9"])
    func turkishWordDecodes(label: String) {
        let bytes: [UInt8] = [0x47, 0xF6, 0x72, 0xFC, 0xFE, 0x6D, 0x65]
        #expect(MIMECharset.decode(bytes, label: label).text == "Görüşme")
    }

    @Test(arguments: [
        (MIMECharset.koi8R, [
            0xE1, 0xE2, 0xF7, 0xE7, 0xE4, 0xE5, 0xF6, 0xFA, 0xE9, 0xEA, 0xEB, 0xEC, 0xED, 0xEE, 0xEF, 0xF0, 0xF2, 0xF3,
            0xF4, 0xF5, 0xE6, 0xE8, 0xE3, 0xFE, 0xFB, 0xFD, 0xFF, 0xF8, 0xE0, 0xF1, 0xC1, 0xC2, 0xD7, 0xC7, 0xC4, 0xC5,
            0xD6, 0xDA, 0xC9, 0xCA, 0xCB, 0xCC, 0xCD, 0xCE, 0xCF, 0xD0, 0xD2, 0xD3, 0xD4, 0xD5, 0xC6, 0xC8, 0xC3, 0xDE,
            0xDB, 0xDD, 0xDF, 0xD8, 0xC0, 0xD1,
        ] as [UInt8]),
        (MIMECharset.windows1251, Array(0xC0...0xDA) + [0xDC, 0xDE, 0xDF] + Array(0xE0...0xFA) + [0xFC, 0xFE, 0xFF]),
        (MIMECharset.iso8859_5, Array(0xB0...0xCA) + [0xCC, 0xCE, 0xCF] + Array(0xD0...0xEA) + [0xEC, 0xEE, 0xEF]),
    ])
    func wholeBulgarianAlphabetDecodes(charset: MIMECharset, bytes: [UInt8]) {
        #expect(charset.decode(bytes) == Self.bulgarianAlphabet)
    }

    @Test(arguments: [MIMECharset.iso8859_9, .windows1254])
    func turkishSpecialLettersDecode(charset: MIMECharset) {
        let bytes: [UInt8] = [0xC7, 0xD0, 0xDD, 0xD6, 0xDE, 0xDC, 0xE7, 0xF0, 0xFD, 0xF6, 0xFE, 0xFC]
        #expect(charset.decode(bytes) == Self.turkishLetters)
    }

    @Test func windowsCodePagesHavePunctuationInTheC1Range() {
        #expect(MIMECharset.windows1254.decode([0x80, 0x20, 0x93, 0xDE, 0x69, 0xFE, 0x6C, 0x69, 0x94, 0x20, 0x96])
            == "€ “Şişli” –")
        #expect(MIMECharset.windows1252.decode([0x93, 0x61, 0x94, 0x85]) == "“a”…")
        #expect(MIMECharset.iso8859_1.decode([0x47, 0x72, 0xFC, 0xDF, 0x65, 0x92]) == "Grüße’")
        // ISO-8859-9 differs from windows-1254 there: 0x80 is a C1 control, not €.
        #expect(MIMECharset.iso8859_9.decode([0x80]) == "\u{80}")
    }

    @Test func utf8AndASCII() {
        #expect(MIMECharset.decode(Array("Здравейте".utf8), label: "UTF-8").text == "Здравейте")
        #expect(MIMECharset.decode([0xEF, 0xBB, 0xBF, 0x61], label: "utf8").text == "a")
        // Labelled UTF-8 but written in a Windows charset (no UTF-8 sequence in it): the likeliest one is used.
        #expect(MIMECharset.decode([0x63, 0x61, 0x66, 0xE9], label: "utf-8").text == "café")
        #expect(MIMECharset.decode([0xC7, 0xE4, 0xF0, 0xE0, 0xE2, 0xE5, 0xE9], label: "utf-8").text == "Здравей")
        #expect(MIMECharset.decode([0x47, 0xF6, 0x72, 0xFC, 0xFE, 0x6D, 0x65], label: "utf-8").text == "Görüşme")
        // Real UTF-8 with a broken byte stays UTF-8, the broken byte U+FFFD.
        #expect(MIMECharset.decode(Array("Görüşme ".utf8) + [0xE2, 0x82], label: "utf-8").text == "Görüşme \u{FFFD}")
        // us-ascii that is really UTF-8, or really windows-1252.
        #expect(MIMECharset.decode(Array("café".utf8), label: "us-ascii").text == "café")
        #expect(MIMECharset.decode([0x63, 0x61, 0x66, 0xE9], label: "us-ascii").text == "café")
    }

    @Test func unknownLabelsFallBackAndSaySo() {
        #expect(MIMECharset.decode(Array("Görüşme".utf8), label: "x-mac-turkish-ish") == ("Görüşme", false))
        #expect(MIMECharset.decode([0x63, 0x61, 0x66, 0xE9], label: "bogus") == ("café", false))
        #expect(MIMECharset(label: "utf-8*en") == .utf8)
        #expect(MIMECharset(label: "x-cp1251") == .windows1251)
        #expect(MIMECharset(label: "Windows-1254") == .windows1254)
        #expect(MIMECharset(label: "gb2312") == .gb18030)
        #expect(MIMECharset(label: "x-mac-klingon") == nil)
    }

    @Test(arguments: MIMECharset.allCases)
    func everyByteDecodesToOneScalar(charset: MIMECharset) {
        guard charset != .utf8, charset != .usASCII, charset.isSingleByte else { return }
        let text = charset.decode((0...255).map(UInt8.init))
        #expect(text.unicodeScalars.count == 256)
    }
}

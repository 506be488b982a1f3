import Channels
import Foundation
import Testing

/// `JSONValue.parse` reads JSON straight from bytes and gives what `JSONDecoder` gives (but for trailing commas).
struct JSONParserTests {
    static let valid = [
        #"{"events":[{"type":"m.room.message","content":{"body":"log today","n":3}}]}"#,
        #"  [true, false, null, 1, -0, 1.5, -2.25e-3, 1e2, 1.0, 12345678901234567890, 0.1]  "#,
        #"{"escapes":"\"\\\/\b\f\n\r\t\u00e9\u20AC\ud83d\ude00 ok","empty":"","nested":{"a":[[],{}]}}"#,
        #"{"unicode":"Çağrı — 日本 😀"}"#,
        #""just a string""#, "42", "-7", "true", "null", "\t\r\n{ }\n",
        #"{"a":1,"a":2}"#,
    ]

    static let invalid = [
        "", " ", "{", "01", "1.", ".5", "+1", "-", "1e", "tru", "nul", "[1]x", "NaN",
        #""unterminated"#, "\"tab\there\"", #""\x""#, #""\u12""#, #""\ud83d""#, #""\ude00""#, #""\ud83d\u0041""#,
        "{a:1}", "[1 2]", #"{"a" 1}"#, "'single'", "1e400",
    ]

    static func decoded(_ bytes: [UInt8]) -> JSONValue? {
        try? JSONDecoder().decode(JSONValue.self, from: Data(bytes))
    }

    @Test(arguments: valid)
    func validTextParsesAsJSONDecoderDecodesIt(_ text: String) throws {
        let parsed = try #require(JSONValue.parse(Array(text.utf8)))
        #expect(parsed == Self.decoded(Array(text.utf8)))
    }

    @Test(arguments: invalid)
    func invalidTextIsRefusedLikeJSONDecoderRefusesIt(_ text: String) {
        #expect(JSONValue.parse(Array(text.utf8)) == nil)
        #expect(Self.decoded(Array(text.utf8)) == nil)
    }

    @Test func trailingCommasAreRefused() {
        #expect(JSONValue.parse(Array("[1,]".utf8)) == nil)
        #expect(JSONValue.parse(Array(#"{"a":1,}"#.utf8)) == nil)
    }

    @Test func trueOneAndOneAndAHalfStayDifferent() {
        #expect(JSONValue.parse(Array("[true,1,1.5]".utf8)) == .array([.bool(true), .integer(1), .number(1.5)]))
    }

    @Test func invalidUTF8IsRefused() {
        #expect(JSONValue.parse([0x22, 0xC3, 0x28, 0x22]) == nil)
        #expect(JSONValue.parse([0x22, 0x5C, 0x6E, 0xFF, 0x22]) == nil)
    }

    @Test func escapesAndSurrogatePairsBecomeTheirCharacters() {
        #expect(JSONValue.parse(Array(#""a\nb\u00e9\ud83d\ude00""#.utf8)) == .string("a\nbé😀"))
    }

    @Test func nestingIsLimited() {
        func nested(_ depth: Int) -> [UInt8] {
            Array((String(repeating: "[", count: depth) + String(repeating: "]", count: depth)).utf8)
        }
        #expect(JSONValue.parse(nested(JSONValue.maxDepth)) != nil)
        #expect(JSONValue.parse(nested(JSONValue.maxDepth + 1)) == nil)
        #expect(JSONValue.parse(nested(100_000)) == nil)
    }

    @Test func serializedValuesParseBack() throws {
        let value = JSONValue.object([
            "s": .string("line\nquote\" é 😀"), "i": .integer(-12), "d": .number(0.25), "b": .bool(false), "n": .null,
            "a": .array([.integer(1), .object(["k": .string("v")])]),
        ])
        #expect(JSONValue.parse(value.serialized) == value)
    }

    @Test func serializedTextIsCompactWithSortedKeysAndEscapesOnlyWhatJSONNeeds() {
        let value = JSONValue.object([
            "z": .array([.null, .bool(true), .integer(7), .number(1.5), .number(.nan)]),
            "a": .string("q\"b\\ n\n r\r t\t bell\u{07} / é"),
        ])
        let text = String(decoding: value.serialized, as: UTF8.self)
        #expect(text == #"{"a":"q\"b\\ n\n r\r t\t bell\u0007 / é","z":[null,true,7,1.5,null]}"#)
    }

    @Test func everyControlCharacterIsEscapedAndParsesBack() {
        let text = String(String.UnicodeScalarView((UInt8(0)..<0x20).map { Unicode.Scalar($0) }))
        let bytes = JSONValue.string(text).serialized
        #expect(!bytes.contains { $0 < 0x20 })
        #expect(JSONValue.parse(bytes) == .string(text))
    }
}

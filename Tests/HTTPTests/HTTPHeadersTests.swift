import HTTP
import Testing

@Suite("HTTPHeaders and HTTPResponse")
struct HTTPHeadersTests {
    @Test func caseInsensitiveLookupKeepsOrder() {
        var headers: HTTPHeaders = ["Content-Type": "text/plain", "X-A": "1", "x-a": "2"]
        #expect(headers["content-type"] == "text/plain")
        #expect(headers.values(for: "X-A") == ["1", "2"])
        headers.set(name: "X-A", value: "3")
        #expect(headers.fields.map(\.name) == ["Content-Type", "X-A"])
        #expect(headers["x-a"] == "3")
        headers["CONTENT-TYPE"] = nil
        #expect(headers.count == 1)
        headers.add(name: "Connection", value: "Keep-Alive, Upgrade")
        #expect(headers.hasToken("upgrade", in: "connection"))
        #expect(!headers.hasToken("close", in: "connection"))
        #expect(headers.contains("connection"))
    }

    @Test func responseConveniences() {
        let json = HTTPResponse.json(status: .accepted, body: "{\"ok\":true}")
        #expect(json.status.code == 202)
        #expect(json.headers["content-type"] == "application/json; charset=utf-8")
        #expect(json.body == Array("{\"ok\":true}".utf8))
        let text = HTTPResponse.text(status: .notFound, "nope")
        #expect(text.status.reasonPhrase == "Not Found")
        #expect(String(decoding: text.body, as: UTF8.self) == "nope")
        let status: HTTPStatus = 431
        #expect(status.reasonPhrase == "Request Header Fields Too Large")
        #expect(HTTPStatus(code: 799).reasonPhrase == "Unknown")
    }
}

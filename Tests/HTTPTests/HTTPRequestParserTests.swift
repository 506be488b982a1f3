import Bench
import HTTP
import Testing

/// Feeds `text` to a fresh parser in chunks of `chunkSize` bytes and collects every event.
private func parse(
    _ bytes: [UInt8], limits: HTTPLimits = HTTPLimits(), chunkSize: Int = .max
) throws(HTTPParseError) -> [HTTPParserEvent] {
    var parser = HTTPRequestParser(limits: limits)
    var events: [HTTPParserEvent] = []
    var offset = 0
    repeat {
        let end = offset + min(chunkSize, bytes.count - offset)
        parser.append(bytes[offset..<end])
        offset = end
        while let event = try parser.next() { events.append(event) }
    } while offset < bytes.count
    return events
}

private func parse(
    _ text: String, limits: HTTPLimits = HTTPLimits(), chunkSize: Int = .max
) throws(HTTPParseError) -> [HTTPParserEvent] {
    try parse(Array(text.utf8), limits: limits, chunkSize: chunkSize)
}

private func requests(_ events: [HTTPParserEvent]) -> [HTTPRequest] {
    events.compactMap { if case .request(let request) = $0 { request } else { nil } }
}

private func error(_ text: String, limits: HTTPLimits = HTTPLimits()) -> HTTPParseError? {
    error(Array(text.utf8), limits: limits)
}

private func error(_ bytes: [UInt8], limits: HTTPLimits = HTTPLimits()) -> HTTPParseError? {
    do {
        _ = try parse(bytes, limits: limits)
        return nil
    } catch {
        return error
    }
}

@Suite("HTTPRequestParser")
struct HTTPRequestParserTests {
    @Test func simpleGet() throws {
        let events = try parse("GET /hooks/email?x=1&y=2 HTTP/1.1\r\nHost: example.org\r\nX-Trace: abc\r\n\r\n")
        #expect(events.count == 2)
        guard case .head(let head) = events.first else { Issue.record("no head"); return }
        #expect(head.method == "GET")
        #expect(!head.expectsContinue)
        let request = try #require(requests(events).first)
        #expect(request.method == "GET")
        #expect(request.path == "/hooks/email")
        #expect(request.query == "x=1&y=2")
        #expect(request.version == .http1_1)
        #expect(request.headers["HOST"] == "example.org")
        #expect(request.headers["x-trace"] == "abc")
        #expect(request.headers.fields.map(\.name) == ["Host", "X-Trace"])
        #expect(request.body.isEmpty)
        #expect(request.keepAlive)
    }

    @Test func postWithContentLength() throws {
        let text = "POST /messages HTTP/1.1\r\nHost: h\r\nContent-Type: application/json\r\nContent-Length: 13\r\n\r\n"
            + "{\"hello\":\"x\"}"
        let request = try #require(requests(try parse(text)).first)
        #expect(request.method == "POST")
        #expect(request.bodyText == "{\"hello\":\"x\"}")
        #expect(request.headers["content-type"] == "application/json")
    }

    @Test func chunkedBodyWithExtensionsAndTrailers() throws {
        let text = "POST /c HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n"
            + "5;name=value\r\nhello\r\n"
            + "7 ; foo=\"bar\"\r\n, world\r\n"
            + "0\r\nX-Checksum: 42\r\nX-Other: y\r\n\r\n"
        for chunkSize in [Int.max, 1, 3, 7] {
            let request = try #require(requests(try parse(text, chunkSize: chunkSize)).first)
            #expect(request.bodyText == "hello, world")
            #expect(request.trailers["x-checksum"] == "42")
            #expect(request.trailers.count == 2)
            #expect(request.headers["x-checksum"] == nil)
        }
    }

    @Test func requestFedOneByteAtATime() throws {
        let text = "PUT /a/b?c HTTP/1.1\r\nHost: h\r\nContent-Length: 4\r\nConnection: close\r\n\r\nbody"
        let events = try parse(text, chunkSize: 1)
        #expect(events.count == 2)
        let request = try #require(requests(events).first)
        #expect(request.method == "PUT")
        #expect(request.path == "/a/b")
        #expect(request.query == "c")
        #expect(request.bodyText == "body")
        #expect(!request.keepAlive)
    }

    @Test func pipelinedRequestsInOneBuffer() throws {
        let text = "GET /1 HTTP/1.1\r\nHost: h\r\n\r\n"
            + "POST /2 HTTP/1.1\r\nHost: h\r\nContent-Length: 3\r\n\r\nabc"
            + "POST /3 HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nxy\r\n0\r\n\r\n"
            + "GET /4 HTTP/1.0\r\n\r\n"
        let all = requests(try parse(text))
        #expect(all.map(\.path) == ["/1", "/2", "/3", "/4"])
        #expect(all.map(\.bodyText) == ["", "abc", "xy", ""])
        #expect(all.map(\.keepAlive) == [true, true, true, false])
    }

    @Test func parserIsIdleBetweenRequests() throws {
        var parser = HTTPRequestParser()
        #expect(parser.isIdle)
        parser.append(Array("GET / HTTP/1.1\r\nHo".utf8))
        #expect(try parser.next() == nil)
        #expect(!parser.isIdle)
        parser.append(Array("st: h\r\n\r\n".utf8))
        _ = try parser.next()
        _ = try parser.next()
        #expect(parser.isIdle)
    }

    @Test func http10KeepAliveAndAbsoluteForm() throws {
        let all = requests(try parse(
            "GET http://example.org:8080/x?y=1 HTTP/1.0\r\nConnection: keep-alive\r\n\r\n"
                + "OPTIONS * HTTP/1.1\r\nHost: h\r\n\r\n"))
        #expect(all.map(\.path) == ["/x", "*"])
        #expect(all.first?.query == "y=1")
        #expect(all.first?.keepAlive == true)
        #expect(all.first?.version == .http1_0)
    }

    @Test func oversizeRequestLineIs414() {
        let limits = HTTPLimits(maxRequestLineBytes: 64)
        let long = "GET /" + String(repeating: "a", count: 100) + " HTTP/1.1\r\nHost: h\r\n\r\n"
        #expect(error(long, limits: limits) == .requestLineTooLong)
        #expect(HTTPParseError.requestLineTooLong.status.code == 414)
        // Rejected before the line ends: no CRLF needed.
        #expect(error("GET /" + String(repeating: "a", count: 100), limits: limits) == .requestLineTooLong)
        // Exactly at the limit is fine.
        let exact = "GET /" + String(repeating: "a", count: 64 - 16) + " HTTP/1.1\r\n"
        #expect(exact.utf8.count == 64)
        #expect(error(exact + "Host: h\r\n\r\n", limits: limits) == nil)
    }

    @Test func oversizeHeadersAre431() {
        let limits = HTTPLimits(maxHeaderBytes: 1024)
        let big = "GET / HTTP/1.1\r\nHost: h\r\nX-Big: " + String(repeating: "v", count: 2000) + "\r\n\r\n"
        #expect(error(big, limits: limits) == .headersTooLarge)
        #expect(HTTPParseError.headersTooLarge.status.code == 431)
        var many = "GET / HTTP/1.1\r\nHost: h\r\n"
        for index in 0..<40 { many += "X-Field-\(index): " + String(repeating: "v", count: 30) + "\r\n" }
        #expect(error(many + "\r\n", limits: limits) == .headersTooLarge)
    }

    @Test func tooManyHeadersAre431() {
        var text = "GET / HTTP/1.1\r\nHost: h\r\n"
        for index in 0..<100 { text += "X-\(index): v\r\n" }
        #expect(error(text + "\r\n") == .tooManyHeaders)
        #expect(HTTPParseError.tooManyHeaders.status.code == 431)
        #expect(error(text + "\r\n", limits: HTTPLimits(maxHeaderCount: 101)) == nil)
    }

    @Test func bodyOverRouteLimitIs413FromHeadAlone() throws {
        let limits = HTTPLimits(maxBodyBytes: { method, path in path == "/upload" ? 1000 : 10 })
        var parser = HTTPRequestParser(limits: limits)
        // No body bytes at all: the head alone decides.
        parser.append(Array("POST /small HTTP/1.1\r\nHost: h\r\nContent-Length: 11\r\n\r\n".utf8))
        #expect(throws: HTTPParseError.bodyTooLarge(limit: 10)) { try parser.next() }
        #expect(HTTPParseError.bodyTooLarge(limit: 10).status.code == 413)
        #expect(parser.hasFailed)
        #expect(parser.currentRequestLine?.method == "POST")
        #expect(parser.currentRequestLine?.path == "/small")
        // Errors are sticky.
        parser.append(Array("GET / HTTP/1.1\r\n\r\n".utf8))
        #expect(throws: HTTPParseError.bodyTooLarge(limit: 10)) { try parser.next() }

        let upload = "POST /upload HTTP/1.1\r\nHost: h\r\nContent-Length: 11\r\n\r\nhello world"
        #expect(error(upload, limits: limits) == nil)
        #expect(
            error("POST /x HTTP/1.1\r\nHost: h\r\nContent-Length: 99999999999999999999999\r\n\r\n", limits: limits)
                == .bodyTooLarge(limit: 10))
        // Chunked bodies are bounded while they are read.
        let chunked = "POST /small HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n"
            + "6\r\nabcdef\r\n6\r\nabcdef\r\n0\r\n\r\n"
        #expect(error(chunked, limits: limits) == .bodyTooLarge(limit: 10))
        #expect(error("POST /small HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\nffffffffffffffffffff\r\n",
            limits: limits) == .bodyTooLarge(limit: 10))
    }

    @Test func contentLengthAndTransferEncodingIs400() {
        let text = "POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n"
        #expect(error(text) == .contentLengthWithTransferEncoding)
        #expect(HTTPParseError.contentLengthWithTransferEncoding.status.code == 400)
    }

    @Test func contentLengthVariants() {
        let head = "POST / HTTP/1.1\r\nHost: h\r\n"
        #expect(error(head + "Content-Length: 3\r\nContent-Length: 4\r\n\r\nabcd") == .invalidContentLength)
        #expect(error(head + "Content-Length: 3\r\nContent-Length: 3\r\n\r\nabc") == nil)
        #expect(error(head + "Content-Length: 3, 3\r\n\r\nabc") == nil)
        #expect(error(head + "Content-Length: abc\r\n\r\n") == .invalidContentLength)
        #expect(error(head + "Content-Length: -1\r\n\r\n") == .invalidContentLength)
        #expect(error(head + "Content-Length: +1\r\n\r\nx") == .invalidContentLength)
        #expect(error(head + "Content-Length:\r\n\r\n") == .invalidContentLength)
        #expect(error(head + "Content-Length: 0x10\r\n\r\n") == .invalidContentLength)
    }

    @Test func transferEncodingVariants() {
        let head = "POST / HTTP/1.1\r\nHost: h\r\n"
        #expect(error(head + "Transfer-Encoding: gzip, chunked\r\n\r\n") == .unsupportedTransferEncoding)
        #expect(HTTPParseError.unsupportedTransferEncoding.status.code == 501)
        #expect(error(head + "Transfer-Encoding: chunked, chunked\r\n\r\n") == .invalidTransferEncoding)
        #expect(error("POST / HTTP/1.0\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n") == .invalidTransferEncoding)
        #expect(error(head + "Transfer-Encoding: CHUNKED\r\n\r\n0\r\n\r\n") == nil)
    }

    @Test func badChunkSizeIs400() {
        let head = "POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n"
        #expect(error(head + "zz\r\nhello\r\n0\r\n\r\n") == .invalidChunkSize)
        #expect(error(head + "\r\n") == .invalidChunkSize)
        #expect(error(head + "5 x\r\nhello\r\n0\r\n\r\n") == .invalidChunkSize)
        #expect(error(head + "-5\r\nhello\r\n0\r\n\r\n") == .invalidChunkSize)
        #expect(error(head + "5\r\nhelloXX0\r\n\r\n") == .invalidChunkTerminator)
        #expect(error(head + "1;" + String(repeating: "e", count: 5000) + "\r\n") == .invalidChunkSize)
        #expect(HTTPParseError.invalidChunkSize.status.code == 400)
    }

    @Test func chunkedOverheadIsBounded() {
        let limits = HTTPLimits(maxChunkedOverheadBytes: 100)
        let text = "POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n"
            + String(repeating: "1\r\nx\r\n", count: 50) + "0\r\n\r\n"
        #expect(error(text, limits: limits) == .chunkedOverheadTooLarge)
    }

    @Test func invalidHeaderNames() {
        #expect(error("GET / HTTP/1.1\r\nHost: h\r\nBad Name: v\r\n\r\n") == .invalidHeaderName)
        #expect(error("GET / HTTP/1.1\r\nHost: h\r\nName : v\r\n\r\n") == .invalidHeaderName)
        #expect(error("GET / HTTP/1.1\r\nHost: h\r\n: v\r\n\r\n") == .invalidHeaderName)
        #expect(error("GET / HTTP/1.1\r\nHost: h\r\nNoColon\r\n\r\n") == .invalidHeaderName)
        #expect(error("GET / HTTP/1.1\r\nHost: h\r\nX(y): v\r\n\r\n") == .invalidHeaderName)
    }

    @Test func obsFoldBareCRAndBareLFAre400() {
        #expect(error("GET / HTTP/1.1\r\nHost: h\r\nX-A: one\r\n two\r\n\r\n") == .obsoleteLineFolding)
        #expect(error("GET / HTTP/1.1\r\nHost: h\r\nX-A: o\rne\r\n\r\n") == .invalidLineEnding)
        #expect(error("GET / HTTP/1.1\nHost: h\n\n") == .invalidLineEnding)
        #expect(error("GET / HTTP/1.1\r\nHost: h\r\n\n") == .invalidLineEnding)
    }

    @Test func hostIsRequiredOnceForHTTP11() {
        #expect(error("GET / HTTP/1.1\r\n\r\n") == .invalidHost)
        #expect(error("GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n") == .invalidHost)
        #expect(error("GET / HTTP/1.0\r\n\r\n") == nil)
    }

    @Test func http2VersionIs505() {
        #expect(error("GET / HTTP/2.0\r\nHost: h\r\n\r\n") == .unsupportedVersion)
        #expect(error("GET / HTTP/0.9\r\n\r\n") == .unsupportedVersion)
        #expect(HTTPParseError.unsupportedVersion.status.code == 505)
        #expect(error("GET / HTTP/1.10\r\nHost: h\r\n\r\n") == .malformedRequestLine)
        #expect(error("GET / FTP/1.1\r\nHost: h\r\n\r\n") == .malformedRequestLine)
    }

    @Test func garbageBytesAre400() {
        let tlsHello: [UInt8] = [0x16, 0x03, 0x01, 0x02, 0x00, 0x01, 0x00, 0x01, 0xFC, 0x03, 0x03, 0x0D, 0x0A]
        #expect(error(tlsHello)?.status.code == 400)
        #expect(error("\r\n\r\nhello world\r\n")?.status.code == 400)
        #expect(error("GET\r\n")?.status.code == 400)
        #expect(error("GET  / HTTP/1.1\r\n")?.status.code == 400)
        #expect(error("GET / HTTP/1.1 \r\n")?.status.code == 400)
        #expect(error("GET relative HTTP/1.1\r\n")?.status.code == 400)
        #expect(error("G@T / HTTP/1.1\r\n")?.status.code == 400)
        #expect(error("GET /\u{7F} HTTP/1.1\r\n")?.status.code == 400)
        #expect(error("GET /a#frag HTTP/1.1\r\n")?.status.code == 400)
    }

    @Test func nulInHeaderIs400() {
        #expect(error(Array("GET / HTTP/1.1\r\nHost: h\r\nX-A: a".utf8) + [0] + Array("b\r\n\r\n".utf8))
            == .invalidHeaderValue)
        #expect(error(Array("GET / HTTP/1.1\r\nHost: h\r\nX-".utf8) + [0] + Array("A: b\r\n\r\n".utf8))
            == .invalidHeaderName)
        #expect(error(Array("GET /".utf8) + [0] + Array(" HTTP/1.1\r\n\r\n".utf8)) == .invalidRequestTarget)
    }

    @Test func expectContinueIsSignalled() throws {
        let text = "POST /u HTTP/1.1\r\nHost: h\r\nExpect: 100-continue\r\nContent-Length: 5\r\n\r\n"
        var parser = HTTPRequestParser()
        parser.append(Array(text.utf8))
        guard case .head(let head) = try parser.next() else { Issue.record("no head"); return }
        #expect(head.expectsContinue)
        #expect(try parser.next() == nil)  // waiting for the body
        parser.append(Array("hello".utf8))
        guard case .request(let request) = try parser.next() else { Issue.record("no request"); return }
        #expect(request.bodyText == "hello")

        // No body, or HTTP/1.0: nothing to continue.
        let noBody = try parse("GET / HTTP/1.1\r\nHost: h\r\nExpect: 100-continue\r\n\r\n")
        guard case .head(let head2) = noBody.first else { Issue.record("no head"); return }
        #expect(!head2.expectsContinue)
        // Over the limit: 413 instead of a continue.
        let limits = HTTPLimits(maxBodyBytes: { _, _ in 4 })
        #expect(error(text, limits: limits) == .bodyTooLarge(limit: 4))
    }

    @Test func leadingEmptyLinesAreIgnored() throws {
        let all = requests(try parse("\r\n\r\nGET / HTTP/1.1\r\nHost: h\r\n\r\n"))
        #expect(all.count == 1)
    }

    @Test func headerValuesAreTrimmedAndKeepObsText() throws {
        let bytes = Array("GET / HTTP/1.1\r\nHost: h\r\nX-Name:   Zoë \t\r\nX-Empty:\r\n\r\n".utf8)
        let request = try #require(requests(try parse(bytes)).first)
        #expect(request.headers["x-name"] == "Zoë")
        #expect(request.headers["x-empty"] == "")
    }

    /// A cheap fuzz pass: random and mutated inputs, fed in random chunks, must never trap.
    @Test func neverTrapsOnRandomInput() {
        var generator = SplitMix64(seed: 0x7A4D_E11A)
        let seeds = [
            "POST /p?q HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n4;a=b\r\nabcd\r\n0\r\nT: v\r\n\r\n",
            "POST /p HTTP/1.1\r\nHost: h\r\nContent-Length: 3\r\nExpect: 100-continue\r\n\r\nabcGET / HTTP/1.0\r\n\r\n",
        ].map { Array($0.utf8) }
        let alphabet: [UInt8] = Array("\r\n :;,0123456789abcdefGET/HTTP1.\t\0\u{7F}".utf8) + [0xFF, 0x80]
        let limits = HTTPLimits(maxRequestLineBytes: 64, maxHeaderBytes: 128, maxHeaderCount: 4,
            maxChunkLineBytes: 16, maxChunkedOverheadBytes: 64, maxBodyBytes: { _, _ in 32 })
        for iteration in 0..<3000 {
            var input: [UInt8]
            if iteration % 3 == 0 {
                input = (0..<Int(generator.next() % 200)).map { _ in
                    alphabet[Int(generator.next() % UInt64(alphabet.count))]
                }
            } else {
                input = seeds[iteration % 2]
                for _ in 0..<(1 + generator.next() % 4) where !input.isEmpty {
                    let position = Int(generator.next() % UInt64(input.count))
                    switch generator.next() % 3 {
                    case 0: input[position] = alphabet[Int(generator.next() % UInt64(alphabet.count))]
                    case 1: input.remove(at: position)
                    default: input.insert(UInt8(truncatingIfNeeded: generator.next()), at: position)
                    }
                }
            }
            var parser = HTTPRequestParser(limits: iteration % 2 == 0 ? limits : HTTPLimits())
            var offset = 0
            while offset < input.count {
                let step = 1 + Int(generator.next() % 17)
                let end = min(input.count, offset + step)
                parser.append(input[offset..<end])
                offset = end
                while let _ = try? parser.next() {}
            }
        }
    }
}

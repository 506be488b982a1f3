import Channels
import Foundation
import HTTP
import Testing

@Suite struct HTTPClientTests {
    let client = HTTPClient()

    /// Routes used by the tests.
    static let handler: @Sendable (HTTPRequest) -> HTTPResponse = { request in
        switch request.path {
        case "/echo":
            var headers: HTTPHeaders = ["Content-Type": "application/json", "X-Method": request.method]
            headers.add(name: "X-Echo-Custom", value: request.headers["x-custom"] ?? "-")
            headers.add(name: "X-Echo-Content-Type", value: request.headers["content-type"] ?? "-")
            headers.add(name: "X-Echo-Content-Length", value: request.headers["content-length"] ?? "-")
            let authorized = request.headers["authorization"] == "Bearer s3cret"
            headers.add(name: "X-Echo-Authorized", value: authorized ? "yes" : "no")
            headers.add(name: "X-Echo-Expect", value: request.headers["expect"] ?? "-")
            headers.add(name: "Set-Cookie", value: "a=1")
            headers.add(name: "Set-Cookie", value: "b=2")
            return HTTPResponse(status: .ok, headers: headers, body: request.body)
        case "/json":
            return .json(body: #"{"joined_rooms":["!a:example.org"]}"#)
        case "/limited":
            return HTTPResponse(
                status: .tooManyRequests, headers: ["Content-Type": "application/json", "Retry-After": "7"],
                body: Array(#"{"errcode":"M_LIMIT_EXCEEDED","retry_after_ms":7000}"#.utf8))
        case "/big":
            return HTTPResponse(status: .ok, body: [UInt8](repeating: 0x61, count: 200_000))
        case "/slow":
            Thread.sleep(forTimeInterval: 1.5)
            return .text("late")
        case "/missing":
            return .status(.notFound)
        default:
            return .status(.notFound)
        }
    }

    @Test func getJSON() throws {
        try HTTPClientTestServer.with(handler: Self.handler) { base in
            let response = try client.send(HTTPClientRequest(method: "GET", url: base + "/json", timeout: .seconds(5)))
            #expect(response.status == 200)
            #expect(response.header("content-type") == "application/json; charset=utf-8")
            #expect(response.bodyText == #"{"joined_rooms":["!a:example.org"]}"#)
        }
    }

    @Test func putJSONRoundTrip() throws {
        try HTTPClientTestServer.with(handler: Self.handler) { base in
            let json = #"{"msgtype":"m.notice","body":"Hallo – ünïcode \u0000 NUL"}"#
            let response = try client.send(HTTPClientRequest(
                method: "PUT", url: base + "/echo/rooms/%21a%3Aexample.org/send/m.room.message/txn1",
                headers: [("Content-Type", "application/json")], body: Array(json.utf8), timeout: .seconds(5)))
            #expect(response.status == 404)  // /echo/... is not /echo: proves the path was sent verbatim
            let echoed = try client.send(HTTPClientRequest(
                method: "PUT", url: base + "/echo", headers: [("Content-Type", "application/json")],
                body: Array(json.utf8), timeout: .seconds(5)))
            #expect(echoed.status == 200)
            #expect(echoed.header("x-method") == "PUT")
            #expect(echoed.header("x-echo-content-type") == "application/json")
            #expect(echoed.header("x-echo-content-length") == String(json.utf8.count))
            #expect(echoed.header("x-echo-expect") == "-")
            #expect(echoed.body == Array(json.utf8))
        }
    }

    @Test func postWithEmptyBodyAndBinaryBody() throws {
        try HTTPClientTestServer.with(handler: Self.handler) { base in
            let empty = try client.send(HTTPClientRequest(method: "POST", url: base + "/echo", timeout: .seconds(5)))
            #expect(empty.header("x-method") == "POST")
            #expect(empty.header("x-echo-content-length") == "0")
            #expect(empty.header("x-echo-content-type") == "-")  // not libcurl's form-urlencoded default
            #expect(empty.body.isEmpty)
            let binary: [UInt8] = [0, 1, 2, 0, 255, 13, 10, 0]
            let echoed = try client.send(HTTPClientRequest(
                method: "POST", url: base + "/echo", headers: [("Content-Type", "application/octet-stream")],
                body: binary, timeout: .seconds(5)))
            #expect(echoed.body == binary)
        }
    }

    @Test func otherMethods() throws {
        try HTTPClientTestServer.with(handler: Self.handler) { base in
            let delete = try client.send(HTTPClientRequest(method: "DELETE", url: base + "/echo", timeout: .seconds(5)))
            #expect(delete.header("x-method") == "DELETE")
            let head = try client.send(HTTPClientRequest(method: "HEAD", url: base + "/json", timeout: .seconds(5)))
            #expect(head.status == 200)
            #expect(head.body.isEmpty)
            #expect(head.header("content-length") == String(#"{"joined_rooms":["!a:example.org"]}"#.utf8.count))
        }
    }

    @Test func headersSentAndReceived() throws {
        try HTTPClientTestServer.with(handler: Self.handler) { base in
            let response = try client.send(HTTPClientRequest(
                method: "GET", url: base + "/echo",
                headers: [("Authorization", "Bearer s3cret"), ("X-Custom", "  hello world  ")], timeout: .seconds(5)))
            #expect(response.status == 200)
            #expect(response.header("X-Echo-Custom") == "hello world")
            #expect(response.header("x-echo-custom") == "hello world")
            #expect(response.header("X-ECHO-AUTHORIZED") == "yes")
            #expect(response.headerValues("set-cookie") == ["a=1", "b=2"])
            #expect(response.header("x-absent") == nil)
        }
    }

    @Test func tooManyRequestsWithRetryAfter() throws {
        try HTTPClientTestServer.with(handler: Self.handler) { base in
            let response = try client.send(HTTPClientRequest(
                method: "PUT", url: base + "/limited", body: Array("{}".utf8), timeout: .seconds(5)))
            #expect(response.status == 429)
            #expect(response.header("retry-after") == "7")
            #expect(response.header("Retry-After") == "7")
            #expect(response.bodyText.contains("M_LIMIT_EXCEEDED"))
        }
    }

    @Test func notFoundIsAResponse() throws {
        try HTTPClientTestServer.with(handler: Self.handler) { base in
            let response = try client.send(HTTPClientRequest(url: base + "/missing", timeout: .seconds(5)))
            #expect(response.status == 404)
        }
    }

    @Test func responseOverTheCapFails() throws {
        try HTTPClientTestServer.with(handler: Self.handler) { base in
            let request = HTTPClientRequest(url: base + "/big", timeout: .seconds(5), maxResponseBytes: 1000)
            #expect(throws: HTTPClientError.responseTooLarge(limit: 1000)) { try client.send(request) }
            let small = HTTPClient(maxResponseBytes: 199_999)
            let error = #expect(throws: HTTPClientError.self) {
                try small.send(HTTPClientRequest(url: base + "/big", timeout: .seconds(5)))
            }
            #expect(error == .responseTooLarge(limit: 199_999))
            #expect(error?.isRetryable == false)
            // Exactly at the cap is fine, and the client still works afterwards.
            let exact = try client.send(
                HTTPClientRequest(url: base + "/big", timeout: .seconds(5), maxResponseBytes: 200_000))
            #expect(exact.body.count == 200_000)
        }
    }

    /// Without `Content-Length` libcurl cannot refuse up front: the write callback must abort the stream.
    @Test func streamedResponseOverTheCapIsAborted() throws {
        let head = Array("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nConnection: close\r\n\r\n".utf8)
        let response = head + [UInt8](repeating: 0x62, count: 300_000)
        try HTTPClientTestServer.withRawResponse(response) { base in
            let request = HTTPClientRequest(url: base + "/stream", timeout: .seconds(5), maxResponseBytes: 10_000)
            #expect(throws: HTTPClientError.responseTooLarge(limit: 10_000)) { try client.send(request) }
        }
        try HTTPClientTestServer.withRawResponse(head + Array("short body".utf8)) { base in
            let ok = try client.send(
                HTTPClientRequest(url: base + "/stream", timeout: .seconds(5), maxResponseBytes: 10))
            #expect(ok.bodyText == "short body")
        }
    }

    @Test func connectionRefusedIsRetryable() throws {
        try HTTPClientTestServer.withRefusingPort { port in
            let error = #expect(throws: HTTPClientError.self) {
                try client.send(HTTPClientRequest(url: "http://127.0.0.1:\(port)/", timeout: .seconds(5)))
            }
            guard case .connectionFailed(let code, let message)? = error else {
                Issue.record("expected connectionFailed, got \(String(describing: error))")
                return
            }
            #expect(code == 7)  // CURLE_COULDNT_CONNECT
            #expect(!message.isEmpty)
            #expect(error?.isRetryable == true)
            #expect(error?.curlCode == 7)
        }
    }

    @Test func timeoutIsRetryable() throws {
        try HTTPClientTestServer.with(handler: Self.handler) { base in
            let started = ContinuousClock.now
            let error = #expect(throws: HTTPClientError.self) {
                try client.send(HTTPClientRequest(url: base + "/slow", timeout: .milliseconds(300)))
            }
            let elapsed = ContinuousClock.now - started
            guard case .timedOut(let code, _)? = error else {
                Issue.record("expected timedOut, got \(String(describing: error))")
                return
            }
            #expect(code == 28)  // CURLE_OPERATION_TIMEDOUT
            #expect(error?.isRetryable == true)
            #expect(elapsed < .milliseconds(1450))  // the handler answers after 1.5 s: we gave up before it
        }
    }

    @Test func invalidRequestsAreRefused() throws {
        let injected = HTTPClientRequest(url: "http://127.0.0.1:1/", headers: [("X-A", "b\r\nX-Injected: 1")])
        #expect(throws: HTTPClientError.self) { try client.send(injected) }
        let badName = HTTPClientRequest(url: "http://127.0.0.1:1/", headers: [("Bad Name", "x")])
        #expect(throws: HTTPClientError.self) { try client.send(badName) }
        let framing = HTTPClientRequest(url: "http://127.0.0.1:1/", headers: [("content-length", "3")])
        #expect(throws: HTTPClientError.self) { try client.send(framing) }
        let badMethod = HTTPClientRequest(method: "GET /x", url: "http://127.0.0.1:1/")
        #expect(throws: HTTPClientError.self) { try client.send(badMethod) }
        let zeroTimeout = HTTPClientRequest(url: "http://127.0.0.1:1/", timeout: .zero)
        #expect(throws: HTTPClientError.self) { try client.send(zeroTimeout) }
        let spacedURL = HTTPClientRequest(url: "http://127.0.0.1:1/a b")
        #expect(throws: HTTPClientError.self) { try client.send(spacedURL) }
    }

    @Test func onlyHTTPAndHTTPSAreAllowed() {
        for url in ["file:///etc/passwd", "ftp://127.0.0.1/", "gopher://127.0.0.1/"] {
            let error = #expect(throws: HTTPClientError.self) {
                try client.send(HTTPClientRequest(url: url, timeout: .seconds(2)))
            }
            #expect(error?.curlCode == 1)  // CURLE_UNSUPPORTED_PROTOCOL
            #expect(error?.isRetryable == false)
        }
    }

    @Test func descriptionsHideSecrets() {
        let request = HTTPClientRequest(
            method: "PUT", url: "https://hs.example.org/_matrix/x?access_token=s3cret",
            headers: [("Authorization", "Bearer s3cret")], body: Array("s3cret".utf8))
        #expect(!"\(request)".contains("s3cret"))
        #expect("\(request)".contains("Authorization"))
        let response = HTTPClientResponse(status: 200, headers: [("X-Token", "s3cret")], body: Array("s3cret".utf8))
        #expect(!"\(response)".contains("s3cret"))
    }
}

import Dispatch
import Foundation
import HTTP
import Synchronization
import Testing

@Suite("HTTPServer over the wire")
struct HTTPServerTests {
    @Test func keepAliveThousandSequentialRequests() throws {
        try TestServer.with { _, port in
            let client = try RawClient(port: port)
            defer { client.close() }
            for index in 0..<1000 {
                try client.send("GET /n/\(index) HTTP/1.1\r\nHost: t\r\n\r\n")
                let response = try client.readResponse()
                #expect(response.status == 200)
                #expect(response.headers["x-path"] == "/n/\(index)")
                if response.status != 200 { return }
            }
        }
    }

    @Test func pipelinedRequestsAreAnsweredInOrder() throws {
        try TestServer.with { _, port in
            let client = try RawClient(port: port)
            defer { client.close() }
            try client.send(
                "GET /first HTTP/1.1\r\nHost: t\r\n\r\n"
                    + "POST /second HTTP/1.1\r\nHost: t\r\nContent-Length: 2\r\n\r\nhi"
                    + "GET /third?x=1 HTTP/1.1\r\nHost: t\r\n\r\n")
            let responses = try (0..<3).map { _ in try client.readResponse() }
            #expect(responses.map { $0.headers["x-path"] } == ["/first", "/second", "/third"])
            #expect(responses[1].text == "hi")
            #expect(responses[2].headers["x-query"] == "x=1")
        }
    }

    @Test func aRequestSentWhileTheHandlerRunsIsAnsweredNext() throws {
        let entered = DispatchSemaphore(value: 0)
        let release = DispatchSemaphore(value: 0)
        try TestServer.with(handler: { request in
            if request.path == "/first" {
                entered.signal()
                release.wait()
            }
            return TestServer.echo(request)
        }) { _, port in
            let client = try RawClient(port: port)
            defer { client.close() }
            try client.send("GET /first HTTP/1.1\r\nHost: t\r\n\r\n")
            #expect(entered.wait(timeout: .now() + 5) == .success)
            try client.send("GET /second HTTP/1.1\r\nHost: t\r\n\r\n")
            try client.send("GET /third HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n")
            release.signal()
            let responses = try (0..<3).map { _ in try client.readResponse() }
            #expect(responses.map { $0.headers["x-path"] } == ["/first", "/second", "/third"])
            #expect(client.waitForClose())
        }
    }

    @Test func chunkedBodyIsEchoed() throws {
        try TestServer.with { _, port in
            let client = try RawClient(port: port)
            defer { client.close() }
            try client.send(
                "POST /echo HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n"
                    + "6;ext=1\r\nHello \r\n6\r\nchunks\r\n0\r\nX-Trailer: t\r\n\r\n")
            let response = try client.readResponse()
            #expect(response.status == 200)
            #expect(response.text == "Hello chunks")
            #expect(response.headers["content-length"] == "12")
            #expect(response.headers["transfer-encoding"] == nil)
        }
    }

    @Test func oversizeHeadersGet431AndClose() throws {
        let configuration = TestServer.configuration(limits: HTTPLimits(maxHeaderBytes: 1024))
        try TestServer.with(configuration) { _, port in
            let client = try RawClient(port: port)
            defer { client.close() }
            try client.send("GET / HTTP/1.1\r\nHost: t\r\nX-Big: " + String(repeating: "x", count: 4000) + "\r\n\r\n")
            let response = try client.readResponse()
            #expect(response.status == 431)
            #expect(response.headers["connection"] == "close")
            #expect(client.waitForClose())
        }
    }

    @Test func bodyOverRouteLimitGets413WithoutSendingBodyAndClose() throws {
        let limits = HTTPLimits(maxBodyBytes: { _, path in path == "/tiny" ? 8 : 1 << 20 })
        let handled = Mutex(0)
        let log = Recorder<HTTPAccessLogEntry>()
        try TestServer.with(TestServer.configuration(limits: limits), accessLog: log.append, handler: { request in
            handled.withLock { $0 += 1 }
            return TestServer.echo(request)
        }) { _, port in
            let client = try RawClient(port: port)
            defer { client.close() }
            try client.send("POST /tiny HTTP/1.1\r\nHost: t\r\nContent-Length: 1000000\r\n\r\n")
            let response = try client.readResponse()
            #expect(response.status == 413)
            #expect(client.waitForClose())

            // Another route accepts the same size on a new connection.
            let other = try RawClient(port: port)
            defer { other.close() }
            try other.send("POST /big HTTP/1.1\r\nHost: t\r\nContent-Length: 9\r\n\r\n123456789")
            #expect(try other.readResponse().text == "123456789")
        }
        #expect(handled.withLock { $0 } == 1)
        #expect(log.all.contains { $0.status.code == 413 && $0.method == "POST" && $0.path == "/tiny" })
    }

    @Test func malformedRequestGets400AndClose() throws {
        try TestServer.with { _, port in
            let client = try RawClient(port: port)
            defer { client.close() }
            try client.send("GET / HTTP/1.1\r\nHost: t\r\nBad Header: x\r\n\r\n")
            #expect(try client.readResponse().status == 400)
            #expect(client.waitForClose())
        }
    }

    @Test func requestSplitByteByByteAcrossWrites() throws {
        try TestServer.with { _, port in
            let client = try RawClient(port: port)
            defer { client.close() }
            let bytes = Array("POST /bytes HTTP/1.1\r\nHost: t\r\nContent-Length: 5\r\n\r\nabcde".utf8)
            for byte in bytes { try client.send([byte]) }
            let response = try client.readResponse()
            #expect(response.status == 200)
            #expect(response.headers["x-path"] == "/bytes")
            #expect(response.text == "abcde")
        }
    }

    @Test func stalledBodyIsDroppedAtBodyTimeout() throws {
        let log = Recorder<HTTPAccessLogEntry>()
        // Long enough that the partial request surely arrives first, even with every suite running in parallel.
        let configuration = TestServer.configuration(bodyTimeout: .seconds(2))
        try TestServer.with(configuration, accessLog: log.append) { _, port in
            let client = try RawClient(port: port)
            defer { client.close() }
            try client.send("POST /slow HTTP/1.1\r\nHost: t\r\nContent-Length: 10\r\n\r\nabc")
            // The server answers 408 and closes; generous bound, no timing assertion beyond it.
            let response = try client.readResponse(timeout: .seconds(10))
            #expect(response.status == 408)
            #expect(client.waitForClose())
        }
        #expect(log.all.contains { $0.status.code == 408 && $0.path == "/slow" })
    }

    @Test func silentNewConnectionIsDroppedAtHeadTimeout() throws {
        let configuration = TestServer.configuration(headTimeout: .milliseconds(300))
        try TestServer.with(configuration) { server, port in
            let client = try RawClient(port: port)
            defer { client.close() }
            #expect(client.waitForClose(timeout: .seconds(5)))
        }
    }

    @Test func handlerHeadersAreSanitised() throws {
        try TestServer.with(handler: { _ in
            HTTPResponse(
                status: .created,
                headers: [
                    "Content-Length": "999", "X-Evil": "a\r\nSet-Cookie: x=1", "Bad Name": "v",
                    "Transfer-Encoding": "chunked", "X-Fine": "ok",
                ],
                body: Array("abc".utf8))
        }) { _, port in
            let client = try RawClient(port: port)
            defer { client.close() }
            try client.send("GET / HTTP/1.1\r\nHost: t\r\n\r\nGET /again HTTP/1.1\r\nHost: t\r\n\r\n")
            for _ in 0..<2 {
                let response = try client.readResponse()
                #expect(response.status == 201)
                #expect(response.reason == "Created")
                #expect(response.headers["content-length"] == "3")
                #expect(response.headers.values(for: "content-length").count == 1)
                #expect(response.headers["x-evil"] == nil)
                #expect(response.headers["set-cookie"] == nil)
                #expect(response.headers["transfer-encoding"] == nil)
                #expect(response.headers["x-fine"] == "ok")
                #expect(response.text == "abc")
            }
        }
    }

    @Test func headHasNoBodyButKeepsContentLength() throws {
        try TestServer.with(handler: { _ in .text("hello") }) { _, port in
            let client = try RawClient(port: port)
            defer { client.close() }
            try client.send("HEAD /h HTTP/1.1\r\nHost: t\r\n\r\nGET /g HTTP/1.1\r\nHost: t\r\n\r\n")
            let head = try client.readResponse(bodyExpected: false)
            #expect(head.status == 200)
            #expect(head.headers["content-length"] == "5")
            // If the HEAD response had carried a body, this would not parse as a status line.
            let get = try client.readResponse()
            #expect(get.text == "hello")
        }
    }

    @Test func expectContinueFlow() throws {
        let limits = HTTPLimits(maxBodyBytes: { _, path in path == "/tiny" ? 4 : 1 << 20 })
        try TestServer.with(TestServer.configuration(limits: limits)) { _, port in
            let client = try RawClient(port: port)
            defer { client.close() }
            try client.send("PUT /upload HTTP/1.1\r\nHost: t\r\nExpect: 100-continue\r\nContent-Length: 5\r\n\r\n")
            let interim = try client.readResponse()
            #expect(interim.status == 100)
            try client.send("hello")
            let final = try client.readResponse()
            #expect(final.status == 200)
            #expect(final.text == "hello")

            // Too large: the final 413 comes straight away, without 100 Continue.
            try client.send("PUT /tiny HTTP/1.1\r\nHost: t\r\nExpect: 100-continue\r\nContent-Length: 5\r\n\r\n")
            #expect(try client.readResponse().status == 413)
            #expect(client.waitForClose())
        }
    }

    @Test func http10ClosesByDefaultAndKeepsAliveOnRequest() throws {
        try TestServer.with { _, port in
            let plain = try RawClient(port: port)
            defer { plain.close() }
            try plain.send("GET /a HTTP/1.0\r\n\r\n")
            let first = try plain.readResponse()
            #expect(first.headers["connection"] == "close")
            #expect(plain.waitForClose())

            let kept = try RawClient(port: port)
            defer { kept.close() }
            for _ in 0..<3 {
                try kept.send("GET /b HTTP/1.0\r\nConnection: keep-alive\r\n\r\n")
                let response = try kept.readResponse()
                #expect(response.headers["connection"] == "keep-alive")
            }
            try kept.send("GET /c HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n")
            #expect(try kept.readResponse().headers["connection"] == "close")
            #expect(kept.waitForClose())
        }
    }

    @Test func maxConnectionsIsRespected() throws {
        try TestServer.with(TestServer.configuration(maxConnections: 2)) { server, port in
            let first = try RawClient(port: port)
            let second = try RawClient(port: port)
            defer {
                first.close()
                second.close()
            }
            for client in [first, second] {
                try client.send("GET / HTTP/1.1\r\nHost: t\r\n\r\n")
                #expect(try client.readResponse().status == 200)
            }
            #expect(server.activeConnections == 2)

            let third = try RawClient(port: port)
            defer { third.close() }
            let rejected = try third.readResponse()
            #expect(rejected.status == 503)
            #expect(rejected.headers["retry-after"] == "1")
            #expect(third.waitForClose())

            // Once a slot frees up, new connections are served again.
            first.close()
            var served = false
            for _ in 0..<50 where !served {
                let next = try RawClient(port: port)
                defer { next.close() }
                try? next.send("GET /again HTTP/1.1\r\nHost: t\r\n\r\n")
                if let response = try? next.readResponse(), response.status == 200 {
                    served = true
                } else {
                    usleep(50_000)
                }
            }
            #expect(served)
        }
    }

    @Test func accessLogReportsMethodPathStatus() throws {
        let log = Recorder<HTTPAccessLogEntry>()
        try TestServer.with(accessLog: log.append, handler: { request in
            request.path == "/missing" ? .status(.notFound) : .json(body: "{}")
        }) { _, port in
            let client = try RawClient(port: port)
            defer { client.close() }
            try client.send("GET /ok?token=secret HTTP/1.1\r\nHost: t\r\nAuthorization: Bearer x\r\n\r\n")
            #expect(try client.readResponse().headers["content-type"] == "application/json; charset=utf-8")
            try client.send("DELETE /missing HTTP/1.1\r\nHost: t\r\n\r\n")
            #expect(try client.readResponse().status == 404)
        }
        let entries = log.all
        #expect(entries.map(\.method) == ["GET", "DELETE"])
        #expect(entries.map(\.path) == ["/ok", "/missing"])
        #expect(entries.map(\.status.code) == [200, 404])
        #expect(entries.allSatisfy { $0.durationMicroseconds >= 0 })
    }

    @Test func gracefulShutdownFinishesInFlightRequest() throws {
        let entered = DispatchSemaphore(value: 0)
        let release = DispatchSemaphore(value: 0)
        let server = HTTPServer(configuration: TestServer.configuration()) { request in
            if request.path == "/slow" {
                entered.signal()
                release.wait()
            }
            return .text("done \(request.path)")
        }
        let port = try server.start()

        let idle = try RawClient(port: port)
        defer { idle.close() }
        try idle.send("GET /warm HTTP/1.1\r\nHost: t\r\n\r\n")
        #expect(try idle.readResponse().status == 200)

        let busy = try RawClient(port: port)
        defer { busy.close() }
        try busy.send("GET /slow HTTP/1.1\r\nHost: t\r\n\r\n")
        #expect(entered.wait(timeout: .now() + 5) == .success)

        server.shutdown()
        // The idle keep-alive connection is closed; the listener stops accepting.
        #expect(idle.waitForClose())
        var refused = false
        for _ in 0..<50 where !refused {
            if (try? RawClient(port: port)) == nil { refused = true } else { usleep(20_000) }
        }
        #expect(refused)

        release.signal()
        let response = try busy.readResponse()
        #expect(response.status == 200)
        #expect(response.text == "done /slow")
        #expect(response.headers["connection"] == "close")
        #expect(busy.waitForClose())
        busy.close()
        server.waitUntilStopped()
        #expect(server.activeConnections == 0)
    }

    @Test func startTwiceAndBindConflictThrow() throws {
        try TestServer.with { server, port in
            #expect(throws: HTTPServerError.alreadyStarted) { try server.start() }
            var configuration = TestServer.configuration()
            configuration.port = port
            let clash = HTTPServer(configuration: configuration) { _ in .text("") }
            #expect(throws: HTTPServerError.self) { try clash.start() }
            clash.shutdown()
            clash.waitUntilStopped()
        }
    }
}

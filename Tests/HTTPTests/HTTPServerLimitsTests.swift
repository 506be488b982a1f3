import Dispatch
import Foundation
import HTTP
import Synchronization
import Testing

/// What a client without credentials, or a slow one, can cost the server: admission from the head, the budget
/// for unauthenticated bodies, pending connections per address, head and body timeouts, the worker pool.
@Suite("HTTPServer limits")
struct HTTPServerLimitsTests {
    /// `/private` needs `Authorization: Bearer good`; everything else is public.
    static let admission: @Sendable (HTTPRequestHead) -> HTTPAdmission = { head in
        guard head.path == "/private" else { return .unauthenticated }
        return head.headers["authorization"] == "Bearer good"
            ? .authenticated : .refuse(.text(status: .unauthorized, "who are you?\n"))
    }

    static func server(
        _ configuration: HTTPServerConfiguration = TestServer.configuration(),
        handler: @escaping @Sendable (HTTPRequest) -> HTTPResponse = TestServer.echo,
        _ body: (HTTPServer, UInt16) throws -> Void
    ) throws {
        try TestServer.with(configuration, admission: admission, handler: handler, body)
    }

    @Test func aRefusedHeadIsAnsweredWithoutWaitingForItsBody() throws {
        let handled = Mutex(0)
        try Self.server(handler: { request in
            handled.withLock { $0 += 1 }
            return TestServer.echo(request)
        }) { _, port in
            let client = try RawClient(port: port)
            defer { client.close() }
            // Only the head: a server that read the body first would wait for it and answer 408 at the timeout.
            try client.send(
                "POST /private HTTP/1.1\r\nHost: t\r\nAuthorization: Bearer bad\r\nContent-Length: 1000000\r\n\r\n")
            let response = try client.readResponse(timeout: .seconds(2))
            #expect(response.status == 401)
            #expect(response.text == "who are you?\n")
            #expect(response.headers["connection"] == "close")
            #expect(client.waitForClose())
        }
        #expect(handled.withLock { $0 } == 0)
    }

    @Test func aRefusedHeadGetsNo100Continue() throws {
        try Self.server { _, port in
            let client = try RawClient(port: port)
            defer { client.close() }
            try client.send("PUT /private HTTP/1.1\r\nHost: t\r\nExpect: 100-continue\r\nContent-Length: 5\r\n\r\n")
            #expect(try client.readResponse(timeout: .seconds(2)).status == 401)
        }
    }

    @Test func anAuthenticatedHeadHasItsBodyRead() throws {
        try Self.server { _, port in
            let client = try RawClient(port: port)
            defer { client.close() }
            try client.send(
                "POST /private HTTP/1.1\r\nHost: t\r\nAuthorization: Bearer good\r\nContent-Length: 5\r\n\r\nhello")
            let response = try client.readResponse()
            #expect(response.status == 200)
            #expect(response.text == "hello")
        }
    }

    @Test func unauthenticatedBodiesShareABudgetAuthenticatedOnesDoNot() throws {
        var configuration = TestServer.configuration()
        configuration.maxUnauthenticatedBodyBytes = 1000
        try Self.server(configuration) { _, port in
            // A holds 800 of the 1,000 bytes: its 100 Continue says its head was admitted.
            let holder = try RawClient(port: port)
            defer { holder.close() }
            try holder.send("POST /open HTTP/1.1\r\nHost: t\r\nExpect: 100-continue\r\nContent-Length: 800\r\n\r\n")
            #expect(try holder.readResponse().status == 100)

            let refused = try RawClient(port: port)
            defer { refused.close() }
            try refused.send("POST /open HTTP/1.1\r\nHost: t\r\nContent-Length: 800\r\n\r\n")
            let busy = try refused.readResponse(timeout: .seconds(2))
            #expect(busy.status == 503)
            #expect(busy.headers["retry-after"] != nil)

            let trusted = try RawClient(port: port)
            defer { trusted.close() }
            let body = String(repeating: "t", count: 800)
            try trusted.send(
                "POST /private HTTP/1.1\r\nHost: t\r\nAuthorization: Bearer good\r\nContent-Length: 800\r\n\r\n\(body)")
            #expect(try trusted.readResponse().text == body)

            // Once A is answered, its share is free again.
            try holder.send(String(repeating: "a", count: 800))
            #expect(try holder.readResponse().status == 200)
            let next = try RawClient(port: port)
            defer { next.close() }
            try next.send("POST /open HTTP/1.1\r\nHost: t\r\nContent-Length: 800\r\n\r\n" + body)
            #expect(try next.readResponse().status == 200)
        }
    }

    @Test func anAddressWithTooManyYoungPendingConnectionsIsRefused() throws {
        var configuration = TestServer.configuration()
        configuration.maxPendingConnectionsPerAddress = 3
        try Self.server(configuration) { _, port in
            let held = try (0..<3).map { _ in try RawClient(port: port, from: "127.0.0.6") }
            defer { held.forEach { $0.close() } }
            for client in held { try client.send("GET / HTTP/1.1\r\nHo") }
            let fourth = try RawClient(port: port, from: "127.0.0.6")
            defer { fourth.close() }
            let refused = try fourth.readResponse(timeout: .seconds(2))
            #expect(refused.status == 429)
            #expect(refused.headers["retry-after"] == "1")

            // Another address is not affected.
            let other = try RawClient(port: port, from: "127.0.0.7")
            defer { other.close() }
            try other.send("GET /other HTTP/1.1\r\nHost: t\r\n\r\n")
            #expect(try other.readResponse().status == 200)
        }
    }

    @Test func aNewcomerReplacesTheOldestSlowConnectionOfItsAddress() throws {
        var configuration = TestServer.configuration(headTimeout: .seconds(30))
        configuration.maxPendingConnectionsPerAddress = 3
        try Self.server(configuration) { server, port in
            let slow = try (0..<3).map { _ in try RawClient(port: port, from: "127.0.0.5") }
            defer { slow.forEach { $0.close() } }
            for client in slow { try client.send("GET / HTTP/1.1\r\nHo") }
            Thread.sleep(forTimeInterval: 1.5)  // older than the second a pending connection is always granted

            let newcomer = try RawClient(port: port, from: "127.0.0.5")
            defer { newcomer.close() }
            try newcomer.send("GET /new HTTP/1.1\r\nHost: t\r\n\r\n")
            let served = try newcomer.readResponse()
            #expect(served.status == 200)
            #expect(served.headers["x-path"] == "/new")

            // Exactly one slow connection made room, with a 429 before its close.
            let evicted = slow.filter { !$0.staysSilent(for: .milliseconds(200)) }
            #expect(evicted.count == 1)
            #expect(try evicted.first?.readResponse(timeout: .seconds(1)).status == 429)
            #expect(server.activeConnections == 3)
        }
    }

    @Test func theHeadTimeoutIsSeparateFromTheBodyTimeout() throws {
        let configuration = TestServer.configuration(headTimeout: .seconds(1), bodyTimeout: .seconds(20))
        try Self.server(configuration) { _, port in
            let slowHead = try RawClient(port: port)
            defer { slowHead.close() }
            try slowHead.send("POST /slow HTTP/1.1\r\nHost: t\r\n")
            #expect(try slowHead.readResponse(timeout: .seconds(10)).status == 408)

            // A body may take longer than a head may.
            let slowBody = try RawClient(port: port)
            defer { slowBody.close() }
            try slowBody.send("POST /body HTTP/1.1\r\nHost: t\r\nContent-Length: 6\r\n\r\nabc")
            #expect(slowBody.staysSilent(for: .milliseconds(1500)))
            try slowBody.send("def")
            let response = try slowBody.readResponse()
            #expect(response.status == 200)
            #expect(response.text == "abcdef")
        }
    }

    @Test func handlersRunOnABoundedPoolAndEveryRequestIsAnswered() throws {
        var configuration = TestServer.configuration()
        configuration.workerThreads = 2
        let running = Mutex((now: 0, most: 0))
        let release = DispatchSemaphore(value: 0)
        try Self.server(configuration, handler: { request in
            running.withLock {
                $0.now += 1
                $0.most = max($0.most, $0.now)
            }
            release.wait()
            running.withLock { $0.now -= 1 }
            return TestServer.echo(request)
        }) { _, port in
            let clients = try (0..<4).map { _ in try RawClient(port: port) }
            defer { clients.forEach { $0.close() } }
            for (index, client) in clients.enumerated() { try client.send("GET /\(index) HTTP/1.1\r\nHost: t\r\n\r\n") }
            for _ in 0..<100 where running.withLock({ $0.now }) < 2 { usleep(20_000) }
            #expect(clients.allSatisfy { $0.staysSilent(for: .milliseconds(200)) })
            for _ in clients { release.signal() }
            for (index, client) in clients.enumerated() {
                #expect(try client.readResponse().headers["x-path"] == "/\(index)")
            }
        }
        #expect(running.withLock { $0.most } == 2)
    }
}

import Channels
import Dispatch
import Foundation
import HTTP
import Synchronization
import Testing

/// ``HTTPClient`` keeps its libcurl handles, and with them the connections, between requests.
@Suite struct HTTPClientConnectionReuseTests {
    let client = HTTPClient()

    private func get(_ url: String) throws -> String {
        let response = try client.send(HTTPClientRequest(url: url, timeout: .seconds(5)))
        #expect(response.status == 200)
        return response.bodyText
    }

    @Test func sequentialRequestsShareOneConnection() throws {
        try HTTPClientTestServer.withConnectionNumbers { base in
            let connections = try (1...5).map { _ in try get(base + "/n") }
            #expect(connections == ["1", "1", "1", "1", "1"])
        }
    }

    @Test func requestAfterTheServerClosedTheConnectionUsesANewOne() throws {
        try HTTPClientTestServer.withConnectionNumbers { base in
            // "/close" is answered, then the server closes its connection without notice.
            let connections = try ["/a", "/close", "/b", "/c"].map { try get(base + $0) }
            #expect(connections == ["1", "1", "2", "2"])
        }
    }

    @Test func copiesOfAClientShareTheirConnections() throws {
        try HTTPClientTestServer.withConnectionNumbers { base in
            let copy = client
            let first = try get(base + "/a")
            let second = try copy.send(HTTPClientRequest(url: base + "/b", timeout: .seconds(5)))
            #expect([first, second.bodyText] == ["1", "1"])
        }
    }

    /// Eight threads sending at once each get a handle of their own, and afterwards reuse the pooled ones: 80
    /// requests never need more than eight connections.
    @Test func parallelSendersReuseAtMostOneConnectionEach() throws {
        try HTTPClientTestServer.withConnectionNumbers { base in
            let answers = Mutex<[String]>([])
            let failures = Mutex<[HTTPClientError]>([])
            DispatchQueue.concurrentPerform(iterations: 8) { sender in
                for request in 0..<10 {
                    do throws(HTTPClientError) {
                        let url = base + "/\(sender)/\(request)"
                        let response = try client.send(HTTPClientRequest(url: url, timeout: .seconds(5)))
                        answers.withLock { $0.append(response.bodyText) }
                    } catch {
                        failures.withLock { $0.append(error) }
                    }
                }
            }
            #expect(failures.withLock { $0 } == [])
            let connections = answers.withLock { $0 }
            #expect(connections.count == 80)
            #expect(Set(connections).count <= 8)
        }
    }

    /// A client keeps as many connections as it was asked to: twelve transfers in flight at once, twice over, use the
    /// same twelve connections the second time (with eight kept, four of them would be closed and opened again —
    /// what every twelfth delivery of the outbox did under load, issue 17).
    @Test func aClientKeepsAsManyConnectionsAsItWasAskedTo() throws {
        let twelve = HTTPClient(idleConnections: 12)
        try HTTPClientTestServer.withConnectionNumbers { base in
            func round() -> [String] {
                let answers = Mutex<[String]>([])
                let group = DispatchGroup()
                for _ in 0..<12 {
                    group.enter()
                    Thread.detachNewThread {
                        defer { group.leave() }
                        let response = try? twelve.send(
                            HTTPClientRequest(url: base + "/together/12", timeout: .seconds(10)))
                        answers.withLock { $0.append(response?.bodyText ?? "failed") }
                    }
                }
                group.wait()
                return answers.withLock { $0 }
            }
            let first = Set(round())
            #expect(first.count == 12)
            #expect(!first.contains("failed"))
            let second = Set(round())
            #expect(second == first)
        }
    }

    /// A reused handle starts from libcurl's defaults: nothing of the previous request's method, body or headers.
    @Test func reusedHandleCarriesNothingOverFromThePreviousRequest() throws {
        try HTTPClientTestServer.with(handler: HTTPClientTests.handler) { base in
            let put = try client.send(HTTPClientRequest(
                method: "PUT", url: base + "/echo", headers: [("X-Custom", "first"), ("Content-Type", "text/plain")],
                body: Array("first body".utf8), timeout: .seconds(5)))
            #expect(put.header("x-echo-custom") == "first")
            let get = try client.send(HTTPClientRequest(url: base + "/echo", timeout: .seconds(5)))
            #expect(get.header("x-method") == "GET")
            #expect(get.header("x-echo-custom") == "-")
            #expect(get.header("x-echo-content-type") == "-")
            #expect(get.header("x-echo-content-length") == "-")
            #expect(get.body.isEmpty)
            let capped = HTTPClientRequest(url: base + "/big", timeout: .seconds(5), maxResponseBytes: 1000)
            #expect(throws: HTTPClientError.responseTooLarge(limit: 1000)) { try client.send(capped) }
            let big = try client.send(HTTPClientRequest(url: base + "/big", timeout: .seconds(5)))
            #expect(big.body.count == 200_000)  // the previous request's cap did not stay on the handle
        }
    }
}

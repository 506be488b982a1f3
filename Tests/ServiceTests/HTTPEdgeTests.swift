import Channels
import Foundation
import HTTP
import Service
import Store
import Testing

/// `tandem serve`'s HTTP edge as an attacker meets it on 127.0.0.1: half-sent requests, bodies without
/// credentials, huge unauthenticated posts. A real ``TandemService`` on a fresh database each time.
@Suite("HTTP edge")
struct HTTPEdgeTests {
    static let hsToken = "edge-hs-token"
    static let secret = "edge-webhook-secret"
    static let signingKey = "edge-mailgun-signing-key"

    /// Runs the service (HTTP on an ephemeral port, no delivery) for `body`, with its port and database path.
    static func withService(mailgunKey: String = signingKey, _ body: (Int, String) throws -> Void) throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("tandem-edge-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        var configuration = Configuration()
        configuration.databasePath = folder.appendingPathComponent("t.sqlite").path
        configuration.httpPort = 0
        configuration.dialogsPath = TranscriptTests.dialogs
        configuration.matrixServerName = "localhost"
        configuration.matrixHSToken = hsToken
        configuration.emailFrom = "tandem@example.org"
        configuration.emailWebhookSecret = secret
        configuration.emailMailgunSigningKey = mailgunKey
        let service = try TandemService(configuration: configuration)
        let port = Int(try service.start())
        defer {
            service.shutdown()
            service.waitUntilStopped()
        }
        try body(port, configuration.databasePath)
    }

    static func healthz(_ port: Int) -> Int {
        let request = HTTPClientRequest(method: "GET", url: "http://127.0.0.1:\(port)/healthz", timeout: .seconds(5))
        return (try? HTTPClient().send(request).status) ?? 0
    }

    @Test func healthzStays200While500HalfSentRequestsAreOpen() throws {
        DescriptorLimit.raise(to: 4096)  // this process holds both ends of every connection
        try Self.withService { port, _ in
            // Three kinds of stalled request, from 25 loopback addresses (20 each): a head cut short; a body cut
            // short after the right token; a Mailgun form cut short (its signature would come in the body).
            let starts = [
                "GET /healthz HTTP/1.1\r\nHost: x\r\nX-Slow: ",
                "PUT /_matrix/app/v1/transactions/slow HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer \(Self.hsToken)\r\n"
                    + "Content-Type: application/json\r\nContent-Length: 1000\r\n\r\n{\"events\":",
                "POST /hooks/email/mailgun/mime HTTP/1.1\r\nHost: x\r\n"
                    + "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 1000\r\n\r\ntimestamp=1",
            ]
            let held = try (0..<500).map { index in
                try HalfSentRequest(port: port, from: "127.0.0.\(10 + index % 25)", sending: starts[index % 3])
            }
            let statuses = (0..<20).map { _ in Self.healthz(port) }
            #expect(statuses == Array(repeating: 200, count: 20))
            #expect(held.filter(\.isOpen).count == 500, "the server still holds every half-sent request")
        }
    }

    @Test(arguments: [
        ("PUT /_matrix/app/v1/transactions/t1 HTTP/1.1\r\nHost: x\r\nContent-Length: 5000000\r\n\r\n", 401),
        ("PUT /_matrix/app/v1/transactions/t1 HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer wrong\r\n"
            + "Content-Length: 5000000\r\n\r\n", 403),
        ("POST /hooks/email HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer wrong\r\n"
            + "Content-Length: 20000000\r\n\r\n", 401),
        ("POST /hooks/email/mailgun/mime HTTP/1.1\r\nHost: x\r\nContent-Type: text/plain\r\n"
            + "Content-Length: 1000000\r\n\r\n", 400),
        ("POST /healthz HTTP/1.1\r\nHost: x\r\nContent-Length: 100000\r\n\r\n", 413),
    ])
    func aRequestWithoutCredentialsIsAnsweredBeforeItsBody(head: String, status: Int) throws {
        try Self.withService { port, database in
            // Only the head is sent: an answer within the wait means the server did not wait for the body.
            let request = try HalfSentRequest(port: port, sending: head)
            #expect(request.status(waitingUpTo: 5_000) == status)
            let stored = try Database(path: database).read { connection in
                try connection.query("SELECT (SELECT COUNT(*) FROM inbound_messages) + "
                    + "(SELECT COUNT(*) FROM email_inbound) AS n").first?.int("n")
            }
            #expect(stored == 0)
        }
    }

    @Test func theMailgunRouteWithoutASigningKeyRefusesBeforeTheBody() throws {
        try Self.withService(mailgunKey: "") { port, _ in
            let request = try HalfSentRequest(
                port: port, sending: "POST /hooks/email/mailgun/mime HTTP/1.1\r\nHost: x\r\n"
                    + "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 1000000\r\n\r\n")
            #expect(request.status(waitingUpTo: 5_000) == 401)
        }
    }

    @Test func hugeUnauthenticatedPostsAreReadOneBudgetAtATime() throws {
        try Self.withService { port, _ in
            // Four 50 MB Mailgun posts (their signature would only come in the body): the first is read, the others
            // are told to come back later before a byte of theirs is read.
            let head = "POST /hooks/email/mailgun/mime HTTP/1.1\r\nHost: x\r\n"
                + "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 50000000\r\n\r\n"
            let first = try HalfSentRequest(port: port, sending: head + "timestamp=")
            #expect(first.status(waitingUpTo: 300) == nil)
            let others = try (0..<3).map { _ in try HalfSentRequest(port: port, sending: head) }
            #expect(others.map { $0.status(waitingUpTo: 5_000) } == [503, 503, 503])
            #expect(first.isOpen)
            #expect(Self.healthz(port) == 200)
        }
    }
}

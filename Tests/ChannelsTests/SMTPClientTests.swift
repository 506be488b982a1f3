@testable import Channels
import Foundation
import Testing

/// The SMTP client's checks and failure mapping (real delivery is tested by Tests/e2e/email_smtp.sh).
@Suite("SMTPClient")
struct SMTPClientTests {
    @Test(arguments: ["http://mail.example.org", "mail.example.org:587", "smtp://", "smtp://mail example.org"])
    func refusesURLsThatCannotWork(url: String) {
        #expect(throws: SMTPError.self) { try SMTPClient(url: url) }
    }

    @Test(arguments: [
        ("smtp://127.0.0.1:2525", true), ("smtp://localhost", true), ("smtp://[::1]:25", true),
        ("smtp://127.8.9.10", true), ("smtp://user:pw@127.0.0.1:25", true), ("smtp://mail.example.org:587", false),
        ("smtps://mail.example.org:465", false), ("smtp://127.0.0.1.example.org", false),
        ("smtp://localhost.example.org", false), ("smtp://10.0.0.1", false),
    ])
    func plainSMTPOnlyOnLoopback(url: String, loopback: Bool) throws {
        #expect(try SMTPClient(url: url).isLoopback == loopback)
    }

    @Test(arguments: ["", "no-at-sign", "a b@example.org", "ana@example.org>\r\nRCPT TO:<x@y>", "<ana@example.org>"])
    func refusesUnusableAddresses(address: String) throws {
        let client = try SMTPClient(url: "smtp://127.0.0.1:1")
        #expect(throws: SMTPError.self) { try client.send(from: "tandem@example.org", to: [address], message: []) }
        do {
            try client.send(from: "tandem@example.org", to: [address], message: [])
        } catch {
            #expect(error.isPermanent)
        }
    }

    @Test func aServerThatCannotBeReachedIsWorthRetrying() throws {
        let client = try SMTPClient(url: "smtp://127.0.0.1:1", timeout: .seconds(5))
        do {
            let message = Array("Subject: x\r\n\r\nx\r\n".utf8)
            try client.send(from: "tandem@example.org", to: ["ana@example.org"], message: message)
            Issue.record("sent to a closed port")
        } catch {
            guard case .transferFailed = error else {
                Issue.record("\(error)")
                return
            }
            #expect(!error.isPermanent)
        }
    }
}

import Channels
import Crypto
import Foundation
import HTTP
import Service
import Store
import Testing

/// The Mailgun route against forged and replayed posts: timestamps no arithmetic can trap on, tokens accepted once
/// (also after a restart), remembered only as long as their signature could be fresh.
struct MailgunRouteTests {
    static let signingKey = "key-mailgun-signing"
    static let token = "0123456789abcdef0123456789abcdef0123456789abcdef01"
    let support: EmailTestSupport

    init() throws {
        support = try EmailTestSupport()
    }

    static func form(timestamp: String, token: String = token, message: [UInt8]) -> [UInt8] {
        let signature = HMAC.sha256Hex(key: Array(signingKey.utf8), message: Array((timestamp + token).utf8))
        return EmailWebhookTests.urlEncoded([
            ("timestamp", Array(timestamp.utf8)), ("token", Array(token.utf8)), ("signature", Array(signature.utf8)),
            ("body-mime", message),
        ])
    }

    static func post(_ form: [UInt8], to webhook: EmailWebhook) -> EmailWebhook.Result {
        webhook.handle(HTTPRequest(
            method: "POST", path: EmailWebhook.mailgunPath,
            headers: ["Content-Type": "application/x-www-form-urlencoded"], body: form))
    }

    func webhook(_ pipeline: Pipeline? = nil) -> EmailWebhook {
        let pipeline = pipeline ?? support.pipeline
        return EmailWebhook(
            ingest: EmailIngest(pipeline: pipeline, identity: EmailIdentity(from: "Tandem <tandem@example.org>")),
            secret: "", mailgunSigningKey: Self.signingKey)
    }

    func stored() throws -> Int { try support.count("SELECT COUNT(*) AS n FROM email_inbound") }

    static let now = "\(EmailTestSupport.now / 1000)"

    // MARK: - Timestamps

    @Test(arguments: ["-9223372036854775808", "9223372036854775807", "-1", "", "17734824OO", "0x69b53f60"])
    func aTimestampNoArithmeticCanHandleIsRefusedCleanly(timestamp: String) throws {
        let result = Self.post(Self.form(timestamp: timestamp, message: EmailWebhookTests.raw), to: webhook())
        #expect(result.response.status == .unauthorized)
        #expect(try stored() == 0)
    }

    @Test func freshnessIsDefinedForEveryClockAndTimestamp() {
        #expect(MailgunTimestamp.isFresh("1000", now: 1_000_000))
        #expect(MailgunTimestamp.isFresh("700", now: 1_000_000))
        #expect(!MailgunTimestamp.isFresh("699", now: 1_000_000))
        #expect(MailgunTimestamp.isFresh("1300", now: 1_000_000))
        #expect(!MailgunTimestamp.isFresh("1301", now: 1_000_000))
        #expect(!MailgunTimestamp.isFresh("-9223372036854775808", now: Int64.max))
        #expect(!MailgunTimestamp.isFresh("9223372036854775807", now: Int64.min))
        #expect(MailgunTimestamp.isFresh("-9223372036854775", now: Int64.min))
        #expect(!MailgunTimestamp.isFresh("99999999999999999999", now: 0))
        // Found by the fuzzer: fresh against a clock at its end, its expiry overflowed.
        #expect(MailgunTimestamp.isFresh("9223372036854807", now: Int64.max))
        #expect(MailgunTimestamp.expiry(of: "9223372036854807") == Int64.max)
        #expect(MailgunTimestamp.expiry(of: "-9223372036854775808") == Int64.min)
    }

    // MARK: - Replays

    @Test func aSignedPostIsAcceptedOnceAndItsReplayWithAnotherMessageIsNot() throws {
        let webhook = webhook()
        let first = Self.post(Self.form(timestamp: Self.now, message: EmailWebhookTests.raw), to: webhook)
        #expect(first.response.status == .ok)
        #expect(try stored() == 1)

        let forged = EmailTestSupport.email(id: "forged@x", body: "approve 1")
        let replay = Self.post(Self.form(timestamp: Self.now, message: forged), to: webhook)
        #expect(replay.response.status == .unauthorized)
        #expect(try stored() == 1)
    }

    @Test func usedTokensAreStillRefusedAfterARestart() throws {
        _ = Self.post(Self.form(timestamp: Self.now, message: EmailWebhookTests.raw), to: webhook())
        let reopened = Pipeline(
            database: try Database(path: support.pipeline.database.path), engine: support.pipeline.engine,
            templates: support.pipeline.templates, clock: support.pipeline.clock)
        let forged = EmailTestSupport.email(id: "forged@x", body: "forget me")
        let replay = Self.post(Self.form(timestamp: Self.now, message: forged), to: webhook(reopened))
        #expect(replay.response.status == .unauthorized)
        #expect(try stored() == 1)
    }

    @Test func anotherTokenWithTheSameTimestampIsAccepted() throws {
        let webhook = webhook()
        _ = Self.post(Self.form(timestamp: Self.now, message: EmailWebhookTests.raw), to: webhook)
        let second = EmailTestSupport.email(id: "w2@x", body: "what's next")
        let other = Self.post(Self.form(timestamp: Self.now, token: String(Self.token.reversed()), message: second),
                              to: webhook)
        #expect(other.response.status == .ok)
        #expect(try stored() == 2)
    }

    @Test func tokensAreForgottenOnceTheirSignatureWouldBeStale() throws {
        let uses = try support.pipeline.database.write { connection in
            let tokens = MailgunTokenRepository(connection)
            return [
                try tokens.use("a", expiresAt: 1_000, now: 0), try tokens.use("a", expiresAt: 1_000, now: 500),
                try tokens.use("b", expiresAt: 5_000, now: 2_000),
            ]
        }
        #expect(uses == [true, false, true])
        #expect(try support.count("SELECT COUNT(*) AS n FROM mailgun_tokens") == 1)
        #expect(MailgunTimestamp.expiry(of: "1000") == 1_300_000)
    }
}

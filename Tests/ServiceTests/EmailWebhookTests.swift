import Channels
import Crypto
import Foundation
import HTTP
import Service
import Testing

/// The email webhooks: bearer secret, Mailgun signatures, form formats, what is stored when.
struct EmailWebhookTests {
    static let secret = "s3cret-webhook-token"
    static let signingKey = "key-mailgun-signing"
    let support: EmailTestSupport
    let webhook: EmailWebhook

    init() throws {
        support = try EmailTestSupport()
        webhook = EmailWebhook(ingest: support.ingest, secret: Self.secret, mailgunSigningKey: Self.signingKey)
    }

    static let raw = EmailTestSupport.email(id: "w1@x", body: "log yesterday 45 min topics: visa rules")

    func post(_ body: [UInt8], path: String = EmailWebhook.rawPath, headers: HTTPHeaders) -> EmailWebhook.Result {
        webhook.handle(HTTPRequest(method: "POST", path: path, headers: headers, body: body))
    }

    func stored() throws -> Int { try support.count("SELECT COUNT(*) AS n FROM email_inbound") }

    @Test func theRightBearerSecretStoresTheMessage() throws {
        let result = post(
            Self.raw, headers: ["Content-Type": "message/rfc822", "Authorization": "Bearer \(Self.secret)"])
        #expect(result.response.status == .ok)
        #expect(result.stored)
        #expect(try stored() == 1)
        #expect(try support.queued().count == 1)
        let again = post(Self.raw, headers: ["Authorization": "bearer \(Self.secret)"])
        #expect(again.response.status == .ok)
        #expect(!again.stored)
        #expect(try support.queued().count == 1)
    }

    @Test(arguments: [nil, "", "Bearer", "Bearer wrong", "Bearer \(secret)x", "Basic \(secret)", "\(secret)"])
    func aWrongOrMissingSecretIs401AndStoresNothing(authorization: String?) throws {
        var headers: HTTPHeaders = ["Content-Type": "message/rfc822"]
        if let authorization { headers["Authorization"] = authorization }
        let result = post(Self.raw, headers: headers)
        #expect(result.response.status == .unauthorized)
        #expect(!result.stored)
        #expect(try stored() == 0)
        #expect(try support.count("SELECT COUNT(*) AS n FROM outbox") == 0)
    }

    @Test func anUnsetSecretAuthorizesNothing() throws {
        let open = EmailWebhook(ingest: support.ingest, secret: "", mailgunSigningKey: "")
        let result = open.handle(HTTPRequest(
            method: "POST", path: EmailWebhook.rawPath, headers: ["Authorization": "Bearer "], body: Self.raw))
        #expect(result.response.status == .unauthorized)
        #expect(try stored() == 0)
    }

    @Test func automatedMailIsAnswered200ButNotProcessed() throws {
        let raw = EmailTestSupport.email(id: "auto@x", extraHeaders: ["Auto-Submitted: auto-replied"], body: "Away")
        let result = post(raw, headers: ["Authorization": "Bearer \(Self.secret)"])
        #expect(result.response.status == .ok)
        #expect(String(decoding: result.response.body, as: UTF8.self).contains("ignored"))
        #expect(try support.count("SELECT COUNT(*) AS n FROM outbox") == 0)
    }

    @Test func onlyPOSTAndKnownPaths() {
        let get = webhook.handle(HTTPRequest(method: "GET", path: EmailWebhook.rawPath))
        #expect(get.response.status == .methodNotAllowed)
        let other = webhook.handle(HTTPRequest(method: "POST", path: "/hooks/email/other"))
        #expect(other.response.status == .notFound)
    }

    @Test func bodiesOverTheLimitAreRefusedBeforeReading() {
        let routes = Routes(pipeline: webhook.ingest.pipeline, channels: [webhook.route], metrics: ServiceMetrics())
        #expect(routes.maxBodyBytes(method: "POST", path: EmailWebhook.rawPath) >= 25 << 20)
        #expect(routes.maxBodyBytes(method: "POST", path: EmailWebhook.rawPath) < 26 << 20)
        #expect(routes.maxBodyBytes(method: "POST", path: EmailWebhook.mailgunPath) > 25 << 20)
        #expect(routes.maxBodyBytes(method: "POST", path: "/hooks/other") == Routes.publicMaxBodyBytes)
    }

    // MARK: - Mailgun

    static func signature(_ timestamp: String, _ token: String, key: String = signingKey) -> String {
        HMAC.sha256Hex(key: Array(key.utf8), message: Array((timestamp + token).utf8))
    }

    static func urlEncoded(_ fields: [(String, [UInt8])]) -> [UInt8] {
        let allowed = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~".utf8)
        let encode = { (bytes: [UInt8]) in
            bytes.map { allowed.contains($0) ? String(UnicodeScalar($0)) : String(format: "%%%02X", $0) }.joined()
        }
        return Array(fields.map { "\($0.0)=\(encode($0.1))" }.joined(separator: "&").utf8)
    }

    func mailgunFields(timestamp: Int64 = EmailTestSupport.now / 1000, signature: String? = nil)
        -> [(String, [UInt8])]
    {
        let token = "0123456789abcdef0123456789abcdef0123456789abcdef01"
        return [
            ("recipient", Array("tandem@example.org".utf8)), ("timestamp", Array("\(timestamp)".utf8)),
            ("token", Array(token.utf8)),
            ("signature", Array((signature ?? Self.signature("\(timestamp)", token)).utf8)), ("body-mime", Self.raw),
        ]
    }

    @Test func aSignedMailgunURLEncodedPostIsStored() throws {
        let result = post(Self.urlEncoded(mailgunFields()), path: EmailWebhook.mailgunPath,
                          headers: ["Content-Type": "application/x-www-form-urlencoded"])
        #expect(result.response.status == .ok)
        #expect(result.stored)
        #expect(try support.queued().first?.body.contains("• Topics: visa rules") == true)
    }

    @Test func aSignedMailgunMultipartPostIsStored() throws {
        var body: [UInt8] = []
        for (name, value) in mailgunFields() {
            body += Array("--XyZ\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n".utf8) + value
                + Array("\r\n".utf8)
        }
        body += Array("--XyZ--\r\n".utf8)
        let result = post(
            body, path: EmailWebhook.mailgunPath, headers: ["Content-Type": "multipart/form-data; boundary=XyZ"])
        #expect(result.response.status == .ok)
        #expect(try stored() == 1)
    }

    @Test func aWrongMailgunSignatureIs401() throws {
        let wrongKey = Self.signature("\(EmailTestSupport.now / 1000)", "x", key: "other")
        for fields in [mailgunFields(signature: wrongKey), mailgunFields(signature: "")] {
            let result = post(Self.urlEncoded(fields), path: EmailWebhook.mailgunPath,
                              headers: ["Content-Type": "application/x-www-form-urlencoded"])
            #expect(result.response.status == .unauthorized)
        }
        #expect(try stored() == 0)
    }

    @Test(arguments: [Int64(-301), 301, -3600, 86_400])
    func aStaleMailgunTimestampIs401(skew: Int64) throws {
        let fields = mailgunFields(timestamp: EmailTestSupport.now / 1000 + skew)
        let result = post(Self.urlEncoded(fields), path: EmailWebhook.mailgunPath,
                          headers: ["Content-Type": "application/x-www-form-urlencoded"])
        #expect(result.response.status == .unauthorized)
        #expect(try stored() == 0)
    }

    @Test func mailgunSignatureMatchesItsDefinition() {
        // timestamp + token, keyed with the signing key, hex (as Mailgun documents it).
        let now = Int64(1_700_000_000_000)
        let signature = HMAC.sha256Hex(key: Array("key".utf8), message: Array("1700000000tok".utf8))
        func valid(_ timestamp: String, _ signature: String, key: String = "key") -> Bool {
            MailgunSignature.isValid(timestamp: timestamp, token: "tok", signature: signature, key: key, now: now)
        }
        #expect(valid("1700000000", signature))
        #expect(valid("1700000000", signature.uppercased()))
        #expect(!valid("1700000000", signature, key: ""))
        #expect(!valid("1700000001", signature))
        #expect(!valid("abc", signature))
    }

    @Test func aMailgunPostWithoutTheRawMessageIsRefusedForGood() {
        let fields = mailgunFields().filter { $0.0 != "body-mime" }
        let result = post(Self.urlEncoded(fields), path: EmailWebhook.mailgunPath,
                          headers: ["Content-Type": "application/x-www-form-urlencoded"])
        #expect(result.response.status.code == 406)
    }
}

import HTTP
import Store

extension EmailWebhook {
    /// A Mailgun post, read: the raw message, or what to answer instead.
    enum MailgunPost {
        case message([UInt8])
        case refused(Result)
    }

    /// Reads a Mailgun form: a fresh signature made with the signing key, the raw message in `body-mime`, and a
    /// token never used before. Used tokens are remembered in the database until their timestamp would be refused
    /// as stale anyway, so a captured post cannot be replayed with another message — not even across a restart.
    func mailgunMessage(_ request: HTTPRequest) -> MailgunPost {
        guard let fields = EmailFormFields.parse(request.body, contentType: request.headers["content-type"] ?? "")
        else { return .refused(Result(response: Self.notAForm, stored: false)) }
        let text = { (name: String) in String(decoding: fields[name] ?? [], as: UTF8.self) }
        let (timestamp, token) = (text("timestamp"), text("token"))
        let now = ingest.pipeline.clock.now()
        guard MailgunSignature.isValid(
            timestamp: timestamp, token: token, signature: text("signature"), key: mailgunSigningKey, now: now)
        else { return .refused(Self.unauthorized) }
        guard let mime = fields["body-mime"] else {
            let response = Self.reply(
                HTTPStatus(code: 406), #"{"error":"no body-mime: forward to a URL ending in mime"}"#)
            return .refused(Result(response: response, stored: false))
        }
        let firstUse: Bool
        do {
            firstUse = try ingest.pipeline.database.write { connection in
                try MailgunTokenRepository(connection).use(
                    token, expiresAt: MailgunTimestamp.expiry(of: timestamp), now: now)
            }
        } catch {
            return .refused(Self.failure(error))
        }
        guard firstUse else {
            Log.info("email webhook: a Mailgun token came a second time; refused as a replay")
            return .refused(Self.unauthorized)
        }
        return .message(mime)
    }

    /// What the email routes need from a request head (``HTTPAdmission``), before its body is read: the raw route
    /// its bearer secret; the Mailgun route a signing key configured and a form type — its signature is in the
    /// body, so the body is read within the server's budget for unauthenticated bodies. Answers what ``handle(_:)``
    /// would: 404, 405, 401 or 400.
    public func admission(_ head: HTTPRequestHead) -> HTTPAdmission {
        guard head.path == Self.rawPath || head.path == Self.mailgunPath else {
            return .refuse(Self.reply(.notFound, #"{"error":"not found"}"#))
        }
        guard head.method == "POST" else { return .refuse(Self.reply(.methodNotAllowed, #"{"error":"use POST"}"#)) }
        if head.path == Self.rawPath {
            return isAuthorized(head.headers["authorization"]) ? .authenticated : .refuse(Self.unauthorized.response)
        }
        guard !mailgunSigningKey.isEmpty else { return .refuse(Self.unauthorized.response) }
        guard EmailFormFields.isForm(head.headers["content-type"] ?? "") else { return .refuse(Self.notAForm) }
        return .unauthenticated
    }

    private static var notAForm: HTTPResponse { reply(.badRequest, #"{"error":"expected a form"}"#) }
}

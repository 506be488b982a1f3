internal import CCurl

/// Why `SMTPClient.send` did not hand the message over. Descriptions never contain the password or the message.
public enum SMTPError: Error, Sendable, Equatable, CustomStringConvertible, CurlFailure {
    /// The SMTP URL or settings cannot work: not `smtp://` / `smtps://`, no host, empty sender.
    case invalidConfiguration(String)
    /// An envelope address is empty or contains characters that do not belong in one (spaces, `<>`, CR/LF).
    case invalidAddress(String)
    /// The server refused the message for good (a 5xx reply to MAIL FROM, RCPT TO or DATA).
    case rejected(replyCode: Int, message: String)
    /// The server refused for now (a 4xx reply: greylisting, a full mailbox, rate limits).
    case deferred(replyCode: Int, message: String)
    /// No conversation with the server finished: connection, TLS (including a server without STARTTLS),
    /// authentication or a timeout. Worth retrying — fixing the settings makes it work.
    case transferFailed(curlCode: Int, message: String)

    static func unavailable(_ reason: String) -> SMTPError { .transferFailed(curlCode: -1, message: reason) }

    static func optionRefused(_ option: CURLoption, _ code: CURLcode) -> SMTPError {
        .invalidConfiguration(describe(option, code))
    }

    /// Whether sending the same message again can never succeed.
    public var isPermanent: Bool {
        switch self {
        case .invalidAddress, .rejected: true
        case .invalidConfiguration, .deferred, .transferFailed: false
        }
    }

    public var description: String {
        switch self {
        case .invalidConfiguration(let reason): "SMTP configuration: \(reason)"
        case .invalidAddress(let reason): "SMTP address: \(reason)"
        case .rejected(let code, let message): "SMTP rejected (\(code)): \(message)"
        case .deferred(let code, let message): "SMTP deferred (\(code)): \(message)"
        case .transferFailed(let code, let message): "SMTP transfer failed: \(message) (curl \(code))"
        }
    }
}

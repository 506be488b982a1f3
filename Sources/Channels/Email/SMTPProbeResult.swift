/// What ``SMTPClient/probe()`` found: the server answered, or why it could not be talked to.
public enum SMTPProbeResult: Sendable, Equatable {
    /// Greeting, `EHLO`, `STARTTLS` where required and `AUTH` when a user is set all went through; `reply` is the
    /// last SMTP reply code (235 after `AUTH`; libcurl skips `AUTH` when the server offers none).
    case answered(reply: Int)
    /// The exchange failed.
    case failed(SMTPProbeFailure)
}

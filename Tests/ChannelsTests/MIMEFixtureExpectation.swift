import Testing

/// What one `.eml` fixture in `Fixtures/mime/` must parse to.
struct MIMEFixtureExpectation: Sendable, CustomTestStringConvertible {
    /// The file name without `.eml`.
    let file: String
    /// The decoded subject (nil: not checked).
    let subject: String?
    /// Texts `textBody` must contain.
    let snippets: [String]
    /// Texts `textBody` must not contain.
    let absent: [String]
    /// The attachments in order: sanitised file name and detected media type.
    let attachments: [(name: String, detectedType: String)]
    /// Whether the message is a machine's (bounce, auto-reply, list mail).
    let automated: Bool
    /// What `ReplyText.newText(of: textBody)` must be (nil: not checked).
    let newText: String?
    /// The From address (nil: not checked).
    let from: String?

    init(
        file: String, subject: String?, snippets: [String] = [], absent: [String] = [],
        attachments: [(name: String, detectedType: String)] = [], automated: Bool = false, newText: String? = nil,
        from: String? = nil
    ) {
        self.file = file
        self.subject = subject
        self.snippets = snippets
        self.absent = absent
        self.attachments = attachments
        self.automated = automated
        self.newText = newText
        self.from = from
    }

    var testDescription: String { file }
}

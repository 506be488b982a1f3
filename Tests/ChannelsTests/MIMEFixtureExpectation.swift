import Testing
import Channels

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

extension MIMEFixtureExpectation {
    /// Checks a parsed message against everything this expectation names.
    func verify(_ message: MIMEMessage) {
        if let subject { #expect(message.subject == subject) }
        for snippet in snippets {
            #expect(message.textBody.contains(snippet), "missing \(snippet.debugDescription) in \(message.textBody)")
        }
        for text in absent {
            #expect(!message.textBody.contains(text), "unexpected \(text.debugDescription) in \(message.textBody)")
        }
        #expect(message.attachments.map(\.filename) == attachments.map(\.name))
        #expect(message.attachments.map(\.detectedMediaType) == attachments.map(\.detectedType))
        #expect(message.isAutomated == automated, "\(message.automationReason ?? "not automated")")
        if let newText { #expect(ReplyText.newText(of: message.textBody) == newText) }
        if let from { #expect(message.from?.address == from) }
    }

    /// Parses every prefix of a message at a coarse stride and a few single-byte corruptions: none may trap.
    static func parseTruncatedAndCorrupted(_ bytes: [UInt8]) {
        for length in stride(from: 0, through: bytes.count, by: max(1, bytes.count / 40)) {
            _ = try? MIMEParser.parse(Array(bytes.prefix(length)))
        }
        for position in stride(from: 0, to: bytes.count, by: max(1, bytes.count / 10)) {
            var corrupted = bytes
            corrupted[position] = 0x00
            _ = try? MIMEParser.parse(corrupted)
        }
    }
}

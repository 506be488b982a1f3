import Crypto
import Foundation
import Store

/// How Tandem's outgoing mail is addressed and threaded: Message-IDs `<outbox-id.random@domain>`, reply tokens
/// (`ReplyKey`), subjects.
enum EmailHeaders {
    /// Subjects are cut to this many characters.
    static let maxSubjectLength = 78
    /// A References header keeps the thread's newest ids, at most this many.
    static let maxReferences = 10

    /// New headers for the outbox row `outboxID`, with a fresh Message-ID and the reply token `key` gives it.
    static func record(
        outboxID: Int64, domain: String, address: String, subject: String, inReplyTo: String? = nil,
        references: [String] = [], autoSubmitted: String, key: ReplyKey
    ) -> EmailOutgoingRecord {
        let messageID = "\(outboxID).\(Hex.encode(SecureRandom.bytes(8)))@\(domain)"
        return EmailOutgoingRecord(
            outboxID: outboxID, messageID: messageID, tag: key.token(address: address, messageID: messageID),
            address: address, subject: subject, inReplyTo: inReplyTo,
            references: Array(references.suffix(maxReferences)), autoSubmitted: autoSubmitted)
    }

    /// `Re: ` and the subject without any reply or forward prefixes of its own (`Re:`, `RE:`, `Aw:`, `Fwd:`, …).
    static func replySubject(_ subject: String) -> String {
        var rest = subject.trimmingCharacters(in: .whitespaces)
        let prefixes = ["re:", "aw:", "sv:", "fw:", "fwd:", "отг:", "ynt:"]
        while let prefix = prefixes.first(where: { rest.lowercased().hasPrefix($0) }) {
            rest = String(rest.dropFirst(prefix.count)).trimmingCharacters(in: .whitespaces)
        }
        return shortened("Re: " + rest)
    }

    /// The first non-empty line of `body`, shortened: the subject of a mail that answers nothing.
    static func subject(fromBody body: String, fallback: String) -> String {
        let first = body.split(whereSeparator: \.isNewline).lazy
            .map { $0.trimmingCharacters(in: .whitespaces) }.first { !$0.isEmpty }
        return first.map(shortened) ?? fallback
    }

    private static func shortened(_ text: String) -> String {
        text.count <= maxSubjectLength ? text : String(text.prefix(maxSubjectLength - 1)) + "…"
    }
}

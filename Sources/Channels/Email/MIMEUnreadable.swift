/// What can still be read of a message the parser refused for its size or shape (too many parts, nested too deep,
/// a header line or block too long): the sender, the subject and the Message-ID, from the first header lines only,
/// so that the sender can be told instead of being ignored.
public struct MIMEUnreadable: Sendable, Hashable {
    /// How much of the start of the message is looked at.
    public static let scannedBytes = 64 << 10
    /// Longer header lines are cut to this many bytes.
    public static let maxLineBytes = 2_048

    /// The first From mailbox, or nil.
    public let from: MIMEAddress?
    /// The decoded Subject, or nil.
    public let subject: String?
    /// The Message-ID without angle brackets, or nil.
    public let messageID: String?

    /// Reads the header block at the start of `raw` (after any blank lines, spaces or byte-order mark).
    public init(raw: [UInt8]) {
        var fields: [(name: String, value: String)] = []
        var index = raw.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        while index < raw.count, [0x0A, 0x0D, 0x20, 0x09].contains(raw[index]) { index += 1 }
        let end = min(raw.count, index + Self.scannedBytes)
        while index < end {
            let (contentEnd, next) = MIMEParser.lineBounds(raw, from: index, upTo: end)
            guard contentEnd > index else { break }
            let line = String(decoding: raw[index..<min(contentEnd, index + Self.maxLineBytes)], as: UTF8.self)
            if line.first == " " || line.first == "\t" {
                if !fields.isEmpty { fields[fields.count - 1].value += line }
            } else if let colon = line.firstIndex(of: ":") {
                fields.append((String(line[..<colon]).lowercased(), String(line[line.index(after: colon)...])))
            }
            index = next
        }
        func value(_ name: String) -> String? { fields.first { $0.name == name }?.value.mimeTrimmed() }
        from = value("from").flatMap { MIMEAddressParser.parse($0).first }
        subject = value("subject").map { MIMEEncodedWords.decode($0) }
        messageID = value("message-id").flatMap { MIMEMessageIDs.parse($0).first }
    }
}

/// One header field as it arrived, unfolded.
public struct MIMEHeaderField: Sendable, Hashable {
    /// The field name as written (`Subject`, `content-type`); compare it case-insensitively.
    public let name: String
    /// The unfolded value, trimmed, with encoded-words still encoded. Raw 8-bit bytes were decoded as UTF-8, or
    /// in the message's declared charset when they are not valid UTF-8.
    public let rawValue: String
    /// The value with RFC 2047 encoded-words decoded: what to show a person.
    public let value: String

    /// A field from its name and raw value; `value` is decoded from it.
    public init(name: String, rawValue: String) {
        self.name = name
        self.rawValue = rawValue
        self.value = MIMEEncodedWords.decode(rawValue)
    }
}

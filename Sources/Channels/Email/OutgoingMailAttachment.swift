/// A file attached to an `OutgoingMail` (sent base64-encoded in a `multipart/mixed` message).
public struct OutgoingMailAttachment: Sendable, Hashable {
    /// The file name shown to the recipient (RFC 2231-encoded when not ASCII).
    public var filename: String
    /// The media type, e.g. `text/calendar; method=REQUEST` or `application/pdf`.
    public var mediaType: String
    public var bytes: [UInt8]

    /// An attachment from its name, type and bytes.
    public init(filename: String, mediaType: String, bytes: [UInt8]) {
        self.filename = filename
        self.mediaType = mediaType
        self.bytes = bytes
    }
}

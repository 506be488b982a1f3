/// A file that came with a message: every non-text leaf part, and text parts sent as attachments.
public struct MIMEAttachment: Sendable, Hashable {
    /// A safe file name: no path components, no `..`, no control or reserved characters, at most 100 characters
    /// (extension kept). When the sender gave none, `attachment` plus an extension for the detected type.
    public let filename: String
    /// The media type the sender declared (`application/pdf`), lowercased.
    public let declaredMediaType: String
    /// The media type the bytes themselves show (magic numbers): `application/pdf`, `image/jpeg`, `image/png`,
    /// `image/gif`, `image/heic`, `image/webp`, `application/zip`, …; else `application/octet-stream`.
    /// Attached messages are `message/rfc822`.
    public let detectedMediaType: String
    /// Whether it was sent inline (an image shown in the HTML body) rather than as an attachment.
    public let isInline: Bool
    /// The Content-ID an HTML body refers to it by (`cid:`), without angle brackets.
    public let contentID: String?
    /// The decoded bytes.
    public let bytes: [UInt8]

    /// An attachment from its fields.
    public init(
        filename: String, declaredMediaType: String, detectedMediaType: String, isInline: Bool = false,
        contentID: String? = nil, bytes: [UInt8]
    ) {
        self.filename = filename
        self.declaredMediaType = declaredMediaType
        self.detectedMediaType = detectedMediaType
        self.isInline = isInline
        self.contentID = contentID
        self.bytes = bytes
    }
}

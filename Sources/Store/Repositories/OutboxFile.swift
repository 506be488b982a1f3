/// A file to send with an outbox row: its name, media type and bytes.
public struct OutboxFile: Sendable, Hashable {
    public let filename: String
    /// e.g. `text/calendar; charset=utf-8; method=PUBLISH`.
    public let mediaType: String
    public let bytes: [UInt8]

    public init(filename: String, mediaType: String, bytes: [UInt8]) {
        self.filename = filename
        self.mediaType = mediaType
        self.bytes = bytes
    }
}

/// A file a participant sent (receipt photo, PDF), as a channel stored it: what an inbound message carries and an
/// attachment answer holds. The bytes live outside the engine.
public struct AttachmentRef: Sendable, Hashable, Codable {
    /// The SHA-256 of the bytes, hex: the id the file is stored under, the same for the same file sent twice.
    public let id: String
    public let filename: String
    /// Media type checked from the bytes, e.g. `image/jpeg`, `application/pdf`.
    public let mediaType: String
    public let size: Int

    public init(id: String, filename: String, mediaType: String, size: Int) {
        self.id = id
        self.filename = filename
        self.mediaType = mediaType
        self.size = size
    }
}

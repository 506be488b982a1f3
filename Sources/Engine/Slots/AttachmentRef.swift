/// A file a participant sent (receipt photo, PDF), as a channel stored it. The bytes live outside the engine.
public struct AttachmentRef: Sendable, Hashable, Codable {
    /// Stable id of the stored file (e.g. its SHA-256 hex).
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

/// A file queued with an outbox row, as stored.
public struct OutboxAttachment: Sendable, Hashable {
    public let id: Int64
    public let outboxID: Int64
    public let file: OutboxFile
    /// The `mxc://` URI once the file was uploaded to the homeserver; nil before.
    public let contentURI: String?
}

/// Files people sent, stored once per content hash.
public struct AttachmentRepository {
    let connection: Connection

    public init(_ connection: Connection) { self.connection = connection }

    /// Stores the bytes under their SHA-256 unless already stored; returns whether they were new.
    @discardableResult
    public func store(sha256: String, filename: String, mediaType: String, bytes: [UInt8], now: Int64) throws -> Bool {
        try connection.run("""
            INSERT INTO attachments (sha256, filename, media_type, size, bytes, created_at) VALUES (?, ?, ?, ?, ?, ?)
            ON CONFLICT (sha256) DO NOTHING
            """, [sha256, filename, mediaType, bytes.count, bytes, now])
        return connection.changes == 1
    }

    public func bytes(sha256: String) throws -> [UInt8]? {
        try connection.query("SELECT bytes FROM attachments WHERE sha256 = ?", [sha256]).first?.blob("bytes")
    }
}

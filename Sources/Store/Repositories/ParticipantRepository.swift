/// A person taking part, as the store keeps them.
public struct ParticipantRecord: Sendable, Hashable {
    public let id: Int64
    public var name: String
    public var language: String
    public var timeZone: String
}

/// Participants and the addresses that reach them.
public struct ParticipantRepository {
    let connection: Connection

    public init(_ connection: Connection) { self.connection = connection }

    /// The participant reached at `address` on `channel`, if any.
    public func find(channel: String, address: String) throws -> ParticipantRecord? {
        try connection.query("""
            SELECT p.id, p.name, p.language, p.time_zone FROM addresses a
            JOIN participants p ON p.id = a.participant_id WHERE a.channel = ? AND a.address = ?
            """, [channel, address]).first.map(Self.record)
    }

    public func find(id: Int64) throws -> ParticipantRecord? {
        try connection.query("SELECT id, name, language, time_zone FROM participants WHERE id = ?", [id])
            .first.map(Self.record)
    }

    /// Creates a participant reachable at one address.
    public func create(name: String, language: String, timeZone: String, channel: String, address: String, now: Int64)
        throws -> ParticipantRecord
    {
        try connection.run(
            "INSERT INTO participants (name, language, time_zone, created_at) VALUES (?, ?, ?, ?)",
            [name, language, timeZone, now])
        let id = connection.lastInsertRowID
        try connection.run(
            "INSERT INTO addresses (channel, address, participant_id) VALUES (?, ?, ?)", [channel, address, id])
        return ParticipantRecord(id: id, name: name, language: language, timeZone: timeZone)
    }

    public func setLanguage(_ language: String, for id: Int64) throws {
        try connection.run("UPDATE participants SET language = ? WHERE id = ?", [language, id])
    }

    private static func record(_ row: Row) -> ParticipantRecord {
        ParticipantRecord(
            id: row.int64("id"), name: row.string("name"), language: row.string("language"),
            timeZone: row.string("time_zone"))
    }
}

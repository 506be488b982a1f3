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
    public func find(channel: ChannelID, address: String) throws -> ParticipantRecord? {
        try connection.query("""
            SELECT p.id, p.name, p.language, p.time_zone FROM addresses a
            JOIN participants p ON p.id = a.participant_id WHERE a.channel = ? AND a.address = ?
            """, [channel, address]).first.map(Self.record)
    }

    /// The participant with this address on any channel (an email address typed into the terminal).
    public func find(anyChannelAddress address: String) throws -> ParticipantRecord? {
        try connection.query("""
            SELECT p.id, p.name, p.language, p.time_zone FROM addresses a
            JOIN participants p ON p.id = a.participant_id WHERE a.address = ? ORDER BY a.channel LIMIT 1
            """, [address]).first.map(Self.record)
    }

    /// Adds an address to a participant; false if it already belonged to them. Throws if it belongs to another.
    @discardableResult
    public func addAddress(channel: ChannelID, address: String, participantID: Int64) throws -> Bool {
        if let owner = try find(channel: channel, address: address) {
            guard owner.id == participantID else {
                throw StoreError(message: "address \(address) belongs to another participant", operation: "address")
            }
            return false
        }
        try connection.run(
            "INSERT INTO addresses (channel, address, participant_id) VALUES (?, ?, ?)", [channel, address, participantID])
        return true
    }

    /// Updates name, language and time zone; returns whether anything changed.
    @discardableResult
    public func update(_ id: Int64, name: String, language: String, timeZone: String) throws -> Bool {
        try connection.run("""
            UPDATE participants SET name = ?, language = ?, time_zone = ?
            WHERE id = ? AND (name IS NOT ? OR language IS NOT ? OR time_zone IS NOT ?)
            """, [name, language, timeZone, id, name, language, timeZone])
        return connection.changes > 0
    }

    public func find(id: Int64) throws -> ParticipantRecord? {
        try connection.query("SELECT id, name, language, time_zone FROM participants WHERE id = ?", [id])
            .first.map(Self.record)
    }

    /// Creates a participant reachable at one address.
    public func create(
        name: String, language: String, timeZone: String, channel: ChannelID, address: String, now: Int64
    ) throws -> ParticipantRecord {
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

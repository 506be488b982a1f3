/// Where a person's personal messages go — notices, broadcasts' personal copies, reminders, replies moved out of a
/// group room: only somewhere nobody else reads. Their newest private conversation (a Matrix direct chat, email, the
/// terminal); else their Matrix direct chat with no conversation yet; else their Matrix ID itself, for the transport
/// to open a direct chat with them (see ``isDirectChatToOpen(_:)``); else their email address. Never a group room.
/// One query for a whole programme, so a 200-pair broadcast makes no per-person lookups.
public struct BroadcastAddressBook {
    /// One person and the place their messages go.
    public struct Place: Sendable, Hashable {
        public let participantID: Int64
        public let name: String
        public let language: String
        public let conversationID: Int64?
        /// nil when the person has no private conversation, no Matrix ID and no email address.
        public let channel: String?
        public let address: String?
    }

    let connection: Connection

    public init(_ connection: Connection) { self.connection = connection }

    /// Whether a Matrix outbox address is a user ID — a direct chat still to be opened — rather than a room.
    public static func isDirectChatToOpen(_ address: String) -> Bool { address.hasPrefix("@") }

    /// Every person enrolled in the programme, by participant id.
    public func places(programmeID: Int64) throws -> [Int64: Place] {
        try places("SELECT DISTINCT participant_id FROM enrolments WHERE programme_id = ?", programmeID)
    }

    /// Where one participant's personal messages go; nil when there is no such participant.
    public func place(of participantID: Int64) throws -> Place? {
        try places("SELECT id AS participant_id FROM participants WHERE id = ?", participantID)[participantID]
    }

    /// `people` selects the participant_id column of the people to look up, with one parameter.
    private func places(_ people: String, _ parameter: Int64) throws -> [Int64: Place] {
        let rows = try connection.query("""
            WITH people AS (\(people)),
            matrix AS (
                SELECT a.participant_id, MIN(a.address) AS address FROM addresses AS a
                JOIN people AS p ON p.participant_id = a.participant_id WHERE a.channel = 'matrix'
                GROUP BY a.participant_id),
            private AS (
                SELECT c.participant_id, c.id, c.channel, c.address,
                       ROW_NUMBER() OVER (PARTITION BY c.participant_id ORDER BY c.updated_at DESC, c.id DESC) AS n
                FROM conversations AS c JOIN people AS p ON p.participant_id = c.participant_id
                LEFT JOIN matrix AS m ON m.participant_id = c.participant_id
                WHERE c.channel <> 'matrix' OR c.address = m.address
                   OR EXISTS (SELECT 1 FROM matrix_rooms AS r
                              WHERE r.room_id = c.address AND r.dm_user = m.address AND r.encrypted = 0)),
            direct AS (
                SELECT m.participant_id, r.room_id,
                       ROW_NUMBER() OVER (PARTITION BY m.participant_id ORDER BY r.created_at DESC, r.rowid DESC) AS n
                FROM matrix AS m JOIN matrix_rooms AS r ON r.dm_user = m.address AND r.encrypted = 0)
            SELECT pa.id, pa.name, pa.language, pc.id AS conversation_id, pc.channel, pc.address, d.room_id,
                   m.address AS matrix_id,
                   (SELECT a.address FROM addresses AS a WHERE a.participant_id = pa.id AND a.channel = 'email'
                    ORDER BY a.address LIMIT 1) AS email
            FROM people AS p JOIN participants AS pa ON pa.id = p.participant_id
            LEFT JOIN private AS pc ON pc.participant_id = pa.id AND pc.n = 1
            LEFT JOIN direct AS d ON d.participant_id = pa.id AND d.n = 1
            LEFT JOIN matrix AS m ON m.participant_id = pa.id
            """, [parameter])
        var places: [Int64: Place] = [:]
        for row in rows {
            let id = row.int64("id")
            let (channel, address): (String?, String?) =
                if let channel = row.optionalString("channel") { (channel, row.optionalString("address")) }
                else if let room = row.optionalString("room_id") { ("matrix", room) }
                else if let matrix = row.optionalString("matrix_id") { ("matrix", matrix) }
                else if let email = row.optionalString("email") { ("email", email) }
                else { (nil, nil) }
            places[id] = Place(
                participantID: id, name: row.string("name"), language: row.string("language"),
                conversationID: row.optionalInt("conversation_id").map(Int64.init), channel: channel, address: address)
        }
        return places
    }

    /// Queues `body` to the place; returns the outbox row id, or nil when the person cannot be reached.
    public func enqueue(_ body: String, to place: Place, now: Int64) throws -> Int64? {
        guard let channel = place.channel, let address = place.address else { return nil }
        return try OutboxRepository(connection).enqueue(
            conversationID: place.conversationID, channel: channel, address: address, body: body, now: now)
    }
}

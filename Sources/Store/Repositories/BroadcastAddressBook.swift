/// Where each member of a programme is reached: their newest conversation, else their email address — the same
/// rule as a notification. One query for the whole programme, so a 200-pair broadcast makes no per-person lookups.
public struct BroadcastAddressBook {
    /// One person and the place their messages go.
    public struct Place: Sendable, Hashable {
        public let participantID: Int64
        public let name: String
        public let language: String
        public let conversationID: Int64?
        /// nil when the person has neither a conversation nor an email address.
        public let channel: String?
        public let address: String?
    }

    let connection: Connection

    public init(_ connection: Connection) { self.connection = connection }

    /// Every person enrolled in the programme, by participant id.
    public func places(programmeID: Int64) throws -> [Int64: Place] {
        let rows = try connection.query("""
            WITH members AS (SELECT DISTINCT participant_id FROM enrolments WHERE programme_id = ?),
            newest AS (
                SELECT c.participant_id, c.id, c.channel, c.address,
                       ROW_NUMBER() OVER (PARTITION BY c.participant_id ORDER BY c.updated_at DESC, c.id DESC) AS n
                FROM conversations AS c JOIN members AS m ON m.participant_id = c.participant_id)
            SELECT p.id, p.name, p.language, n.id AS conversation_id, n.channel, n.address,
                   (SELECT a.address FROM addresses AS a WHERE a.participant_id = p.id AND a.channel = 'email'
                    ORDER BY a.address LIMIT 1) AS email
            FROM participants AS p JOIN members AS m ON m.participant_id = p.id
            LEFT JOIN newest AS n ON n.participant_id = p.id AND n.n = 1
            """, [programmeID])
        var places: [Int64: Place] = [:]
        for row in rows {
            let conversation = row.optionalInt("conversation_id").map(Int64.init)
            let email = row.optionalString("email")
            places[row.int64("id")] = Place(
                participantID: row.int64("id"), name: row.string("name"), language: row.string("language"),
                conversationID: conversation,
                channel: conversation != nil ? row.optionalString("channel") : email.map { _ in "email" },
                address: conversation != nil ? row.optionalString("address") : email)
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

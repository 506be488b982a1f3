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
        public let channel: ChannelID?
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

    /// `people` selects the participant_id column of the people to look up, with one parameter. Four indexed
    /// queries, each linear in the people's rows, put together here (one SQL statement joining them made SQLite scan
    /// every conversation per person: seconds for 10,000 people). Each person's newest or first row is picked here
    /// rather than sorted in SQL: a sort built a temporary b-tree per query, for the one person a notice goes to
    /// three of them, in the single writer (issue 17).
    private func places(_ people: String, _ parameter: Int64) throws -> [Int64: Place] {
        let with = "WITH people AS (\(people))"
        // The first address of each channel in byte order (SQLite's), so the choice never depends on row order.
        var matrixIDs: [Int64: String] = [:]
        var emails: [Int64: String] = [:]
        for row in try connection.query("""
            \(with) SELECT a.participant_id, a.channel, a.address FROM people AS p
            JOIN addresses AS a ON a.participant_id = p.participant_id WHERE a.channel IN (?, ?)
            """, [parameter, ChannelID.matrix, ChannelID.email]) {
            let (id, address) = (row.int64("participant_id"), row.string("address"))
            let isMatrix = ChannelID(row.string("channel")) == .matrix
            let first = isMatrix ? matrixIDs[id] : emails[id]
            guard first.map({ address.utf8.lexicographicallyPrecedes($0.utf8) }) ?? true else { continue }
            if isMatrix { matrixIDs[id] = address } else { emails[id] = address }
        }
        // The newest private conversation: not in Matrix, or in the person's direct chat (an unencrypted room whose
        // one other member they are), or waiting at their Matrix ID for the direct chat to be opened.
        var newest: [Int64: (updated: Int64, id: Int64, channel: ChannelID, address: String)] = [:]
        for row in try connection.query("""
            \(with) SELECT c.participant_id, c.id, c.updated_at, c.channel, c.address, r.dm_user, r.encrypted
            FROM people AS p JOIN conversations AS c ON c.participant_id = p.participant_id
            LEFT JOIN matrix_rooms AS r ON c.channel = ? AND r.room_id = c.address
            """, [parameter, ChannelID.matrix]) {
            let id = row.int64("participant_id")
            let (updated, conversationID) = (row.int64("updated_at"), row.int64("id"))
            if let found = newest[id], (found.updated, found.id) > (updated, conversationID) { continue }
            let (channel, address) = (ChannelID(row.string("channel")), row.string("address"))
            let matrix = matrixIDs[id]
            let isPrivate = channel != .matrix || address == matrix
                || (row.optionalString("dm_user") == matrix && matrix != nil && !row.bool("encrypted"))
            if isPrivate { newest[id] = (updated, conversationID, channel, address) }
        }
        var directRooms: [Int64: (created: Int64, rowid: Int64, room: String)] = [:]
        for row in try connection.query("""
            \(with) SELECT a.participant_id, r.room_id, r.created_at, r.rowid AS room_rowid FROM people AS p
            JOIN addresses AS a ON a.participant_id = p.participant_id AND a.channel = ?
            JOIN matrix_rooms AS r ON r.dm_user = a.address AND r.encrypted = 0
            """, [parameter, ChannelID.matrix]) {
            let id = row.int64("participant_id")
            let (created, rowid) = (row.int64("created_at"), row.int64("room_rowid"))
            if let found = directRooms[id], (found.created, found.rowid) > (created, rowid) { continue }
            directRooms[id] = (created, rowid, row.string("room_id"))
        }
        var places: [Int64: Place] = [:]
        for row in try connection.query("""
            \(with) SELECT pa.id, pa.name, pa.language FROM people AS p
            JOIN participants AS pa ON pa.id = p.participant_id
            """, [parameter]) {
            let id = row.int64("id")
            let (channel, address): (ChannelID?, String?) =
                if let conversation = newest[id] { (conversation.channel, conversation.address) }
                else if let direct = directRooms[id] { (.matrix, direct.room) }
                else if let matrix = matrixIDs[id] { (.matrix, matrix) }
                else if let email = emails[id] { (.email, email) }
                else { (nil, nil) }
            places[id] = Place(
                participantID: id, name: row.string("name"), language: row.string("language"),
                conversationID: newest[id]?.id, channel: channel, address: address)
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

import Engine
import Foundation

/// Pair agendas: each save is a new revision of the pair's agenda, with its dated sessions.
public struct AgendaRepository {
    /// One revision of a pair's agenda.
    public struct Agenda: Sendable, Hashable {
        public let id: Int64
        public let pairID: Int64
        public let revision: Int
        public let authorID: Int64
        /// `weekly`, `every_two_weeks` or `monthly`.
        public let frequency: String
        public let sessions: [Session]
        public let topics: [String]
        public let notes: String?
    }

    /// One planned session of an agenda.
    public struct Session: Sendable, Hashable {
        public let date: CalendarDate
        public let time: ClockTime

        public init(date: CalendarDate, time: ClockTime) {
            self.date = date
            self.time = time
        }
    }

    let connection: Connection

    public init(_ connection: Connection) { self.connection = connection }

    /// Stores a new revision of the pair's agenda (1 for the first) and returns it.
    @discardableResult
    public func save(
        programmeID: Int64, pairID: Int64, authorID: Int64, frequency: String, sessions: [Session],
        topics: [String], notes: String?, sourceMessageID: Int64?, now: Int64
    ) throws -> Agenda {
        let revision = try connection.query(
            "SELECT COALESCE(MAX(revision), 0) + 1 AS next FROM agendas WHERE pair_id = ?", [pairID]
        ).first?.int("next") ?? 1
        try connection.run("""
            INSERT INTO agendas
                (programme_id, pair_id, revision, author_id, frequency, topics, notes, source_message_id, created_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, [programmeID, pairID, revision, authorID, frequency, try Self.encode(topics), notes,
                  sourceMessageID, now])
        let id = connection.lastInsertRowID
        for (index, session) in sessions.enumerated() {
            try connection.run(
                "INSERT INTO agenda_sessions (agenda_id, number, session_date, start_time) VALUES (?, ?, ?, ?)",
                [id, index + 1, session.date.iso, session.time.description])
        }
        return Agenda(
            id: id, pairID: pairID, revision: revision, authorID: authorID, frequency: frequency, sessions: sessions,
            topics: topics, notes: notes)
    }

    /// The agenda revision a participant wrote last: its id, pair, revision and when.
    public func latest(authorID: Int64) throws -> (id: Int64, pairID: Int64, revision: Int, createdAt: Int64)? {
        try connection.query("""
            SELECT id, pair_id, revision, created_at FROM agendas WHERE author_id = ?
            ORDER BY created_at DESC, id DESC LIMIT 1
            """, [authorID]).first.map {
                ($0.int64("id"), $0.int64("pair_id"), $0.int("revision"), $0.int64("created_at"))
            }
    }

    /// Removes one agenda revision and its sessions; the one before, if any, is the pair's agenda again.
    public func delete(id: Int64) throws {
        try connection.run("DELETE FROM agendas WHERE id = ?", [id])
    }

    /// The pair's newest agenda revision, or nil when the pair has none.
    public func current(pairID: Int64) throws -> Agenda? {
        try load("WHERE pair_id = ? ORDER BY revision DESC LIMIT 1", pairID).first
    }

    /// Every revision of the pair's agenda, oldest first (what a calendar file needs to tell what changed).
    public func revisions(pairID: Int64) throws -> [Agenda] {
        try load("WHERE pair_id = ? ORDER BY revision", pairID)
    }

    private func load(_ filter: String, _ pairID: Int64) throws -> [Agenda] {
        try connection.query(
            "SELECT id, pair_id, revision, author_id, frequency, topics, notes FROM agendas " + filter, [pairID]
        ).map { row in
            let id = row.int64("id")
            let sessions = try connection.query(
                "SELECT session_date, start_time FROM agenda_sessions WHERE agenda_id = ? ORDER BY number", [id]
            ).compactMap { session -> Session? in
                guard let date = CalendarDate(iso: session.string("session_date")),
                      let time = Self.time(session.string("start_time"))
                else { return nil }
                return Session(date: date, time: time)
            }
            return Agenda(
                id: id, pairID: row.int64("pair_id"), revision: row.int("revision"), authorID: row.int64("author_id"),
                frequency: row.string("frequency"), sessions: sessions, topics: Self.decode(row.string("topics")),
                notes: row.optionalString("notes"))
        }
    }

    private static func encode(_ items: [String]) throws -> String {
        String(decoding: try JSONEncoder().encode(items), as: UTF8.self)
    }

    private static func decode(_ text: String) -> [String] {
        (try? JSONDecoder().decode([String].self, from: Data(text.utf8))) ?? []
    }

    /// `HH:MM` as stored by `ClockTime.description`.
    private static func time(_ text: String) -> ClockTime? {
        let parts = text.split(separator: ":").compactMap { Int($0) }
        return parts.count == 2 ? ClockTime(hour: parts[0], minute: parts[1]) : nil
    }
}

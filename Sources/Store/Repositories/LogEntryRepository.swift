import Engine
import Foundation

/// One meeting in a participant's mentoring log.
public struct LogEntry: Sendable, Hashable {
    public var id: Int64?
    public let participantID: Int64
    public let programmeID: Int64?
    public let pairID: Int64?
    public let date: CalendarDate
    public let startTime: ClockTime?
    public let durationMinutes: Int
    public let topics: [String]
    public let nextSteps: String?

    public init(
        id: Int64? = nil, participantID: Int64, programmeID: Int64? = nil, pairID: Int64? = nil, date: CalendarDate,
        startTime: ClockTime?, durationMinutes: Int, topics: [String], nextSteps: String?
    ) {
        self.id = id
        self.participantID = participantID
        self.programmeID = programmeID
        self.pairID = pairID
        self.date = date
        self.startTime = startTime
        self.durationMinutes = durationMinutes
        self.topics = topics
        self.nextSteps = nextSteps
    }
}

/// The mentoring log table.
public struct LogEntryRepository {
    let connection: Connection

    public init(_ connection: Connection) { self.connection = connection }

    @discardableResult
    public func insert(_ entry: LogEntry, sourceMessageID: Int64?, now: Int64) throws -> Int64 {
        let topics = String(decoding: try JSONEncoder().encode(entry.topics), as: UTF8.self)
        try connection.run("""
            INSERT INTO log_entries
                (participant_id, programme_id, pair_id, meeting_date, start_time, duration_minutes, topics, next_steps,
                 source_message_id, created_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, [
                entry.participantID, entry.programmeID, entry.pairID, entry.date.iso, entry.startTime?.description, entry.durationMinutes, topics,
                entry.nextSteps, sourceMessageID, now,
            ])
        return connection.lastInsertRowID
    }

    /// The meeting a participant logged last (by when it was logged), with that time.
    public func latest(participantID: Int64) throws -> (entry: LogEntry, loggedAt: Int64)? {
        guard let row = try connection.query(
            "SELECT id, created_at FROM log_entries WHERE participant_id = ? ORDER BY created_at DESC, id DESC LIMIT 1",
            [participantID]).first else { return nil }
        return try entries(where: "id = ?", row.int64("id")).first.map { ($0, row.int64("created_at")) }
    }

    /// Removes one meeting from the log (a claim linked to it keeps its amount, without the link).
    public func delete(id: Int64) throws {
        try connection.run("DELETE FROM log_entries WHERE id = ?", [id])
    }

    /// Replaces what a logged meeting says (date, start, duration, topics, next steps).
    public func update(_ entry: LogEntry) throws {
        guard let id = entry.id else { return }
        let topics = String(decoding: try JSONEncoder().encode(entry.topics), as: UTF8.self)
        try connection.run("""
            UPDATE log_entries SET meeting_date = ?, start_time = ?, duration_minutes = ?, topics = ?, next_steps = ?
            WHERE id = ?
            """, [entry.date.iso, entry.startTime?.description, entry.durationMinutes, topics, entry.nextSteps, id])
    }

    /// A participant's own log, oldest meeting first.
    public func entries(participantID: Int64) throws -> [LogEntry] {
        try entries(where: "participant_id = ?", participantID)
    }

    /// A pair's log (what either peer logged), oldest meeting first.
    public func entries(pairID: Int64) throws -> [LogEntry] {
        try entries(where: "pair_id = ?", pairID)
    }

    /// Whether a pair logged a meeting on `date`.
    public func exists(pairID: Int64, date: CalendarDate) throws -> Bool {
        try !connection.query(
            "SELECT 1 AS found FROM log_entries WHERE pair_id = ? AND meeting_date = ? LIMIT 1", [pairID, date.iso]
        ).isEmpty
    }

    /// Whether a participant logged a meeting on `date`.
    public func exists(participantID: Int64, date: CalendarDate) throws -> Bool {
        try !connection.query(
            "SELECT 1 AS found FROM log_entries WHERE participant_id = ? AND meeting_date = ? LIMIT 1",
            [participantID, date.iso]
        ).isEmpty
    }

    /// How many meetings a pair logged.
    public func count(pairID: Int64) throws -> Int {
        try connection.query("SELECT COUNT(*) AS n FROM log_entries WHERE pair_id = ?", [pairID]).first?.int("n") ?? 0
    }

    /// How many meetings a participant logged.
    public func count(participantID: Int64) throws -> Int {
        try connection.query("SELECT COUNT(*) AS n FROM log_entries WHERE participant_id = ?", [participantID])
            .first?.int("n") ?? 0
    }

    private func entries(where condition: String, _ value: Int64) throws -> [LogEntry] {
        try connection.query("""
            SELECT id, participant_id, programme_id, pair_id, meeting_date, start_time, duration_minutes, topics,
                   next_steps
            FROM log_entries WHERE \(condition) ORDER BY meeting_date, start_time, id
            """, [value]).compactMap { row in
            guard let date = CalendarDate(iso: row.string("meeting_date")) else { return nil }
            let topics = (try? JSONDecoder().decode([String].self, from: Data(row.string("topics").utf8))) ?? []
            let time = row.optionalString("start_time").flatMap { text -> ClockTime? in
                let parts = text.split(separator: ":").compactMap { Int($0) }
                return parts.count == 2 ? ClockTime(hour: parts[0], minute: parts[1]) : nil
            }
            return LogEntry(
                id: row.int64("id"), participantID: row.int64("participant_id"),
                programmeID: row.optionalInt("programme_id").map(Int64.init),
                pairID: row.optionalInt("pair_id").map(Int64.init), date: date, startTime: time,
                durationMinutes: row.int("duration_minutes"), topics: topics, nextSteps: row.optionalString("next_steps"))
        }
    }
}

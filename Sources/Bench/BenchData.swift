import Engine
import Service
import Foundation
import Store

/// The benchmark's data. Participant `n` is `@u{n}:bench` on Matrix, talks to Tandem in the direct room
/// `!r{n}:bench`, and is enrolled in a `staff_peers` programme that started 60 days before today.
enum BenchData {
    static let template = "staff_peers"
    static let programmeName = "Benchmark programme"

    static func startDate(today: CalendarDate) -> CalendarDate { today.adding(days: -60) }

    /// Enrols participants `1...count` in pairs (odd numbers mentees, the next even number their mentor) and marks
    /// their rooms direct — with the repositories the importer uses, all in one transaction.
    static func enrol(_ database: Database, count: Int, now: Int64) throws {
        let today = Clock.localDate(now, timeZone: "UTC")
        try database.write { connection in
            let programmes = ProgrammeRepository(connection)
            let programme = try programmes.create(
                name: programmeName, template: template, startDate: startDate(today: today).iso, timeZone: "UTC",
                joinCode: "BEN-CHM", now: now)
            let participants = ParticipantRepository(connection)
            let rooms = MatrixRoomRepository(connection)
            for n in 1...count {
                let user = "@u\(n):bench"
                let person = try participants.create(
                    name: "Person \(n)", language: "en", timeZone: "UTC", channel: ChannelID.matrix, address: user,
                    now: now)
                let pair = try programmes.pair("pair-\((n + 1) / 2)", programmeID: programme.id, cohortID: nil)
                try programmes.enrol(
                    participantID: person.id, programmeID: programme.id, role: n % 2 == 1 ? "mentee" : "mentor",
                    pairID: pair, cohortID: nil, supervisorEmail: nil, guardianConsent: true, now: now)
                _ = try rooms.recordInvite(roomID: "!r\(n):bench", invitedBy: user, isDirect: true, now: now)
                try rooms.replaceMembers(roomID: "!r\(n):bench", [user: "join"], now: now)
                try rooms.markJoined("!r\(n):bench", now: now)
            }
        }
    }

    /// A national-scale database in bulk SQL: `participants` people (`@u{n}:bench`, direct rooms), as many pairs —
    /// each person is the mentee of pair n and the mentor of pair n−1 (a ring) — and `logEntries` meetings logged
    /// over the last 200 days (deterministic spread: about half the pairs logged nothing in the last 14 days).
    static func buildLarge(_ database: Database, participants: Int, logEntries: Int, now: Int64) throws {
        let today = Clock.localDate(now, timeZone: "UTC")
        let numbers = "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < \(participants))"
        try database.write { connection in
            try connection.run("""
                INSERT INTO programmes (id, name, template, start_date, time_zone, join_code, created_at)
                VALUES (1, ?, ?, ?, 'UTC', 'BEN-CHM', ?)
                """, [programmeName, template, today.adding(days: -240).iso, now])
            try connection.execute("""
                \(numbers) INSERT INTO participants (id, name, language, time_zone, created_at)
                    SELECT i, 'Person ' || i, 'en', 'UTC', \(now) FROM n;
                \(numbers) INSERT INTO addresses (channel, address, participant_id)
                    SELECT 'matrix', '@u' || i || ':bench', i FROM n;
                \(numbers) INSERT INTO pairs (id, programme_id, label) SELECT i, 1, 'pair-' || i FROM n;
                \(numbers) INSERT INTO enrolments (programme_id, participant_id, role, pair_id, guardian_consent, created_at)
                    SELECT 1, i, 'mentee', i, 1, \(now) FROM n;
                \(numbers) INSERT INTO enrolments (programme_id, participant_id, role, pair_id, guardian_consent, created_at)
                    SELECT 1, i % \(participants) + 1, 'mentor', i, 1, \(now) FROM n;
                \(numbers) INSERT INTO matrix_rooms
                    (room_id, invited_by, is_direct, joined_at, bot_membership, members_known, dm_user, created_at)
                    SELECT '!r' || i || ':bench', '@u' || i || ':bench', 1, \(now), 'join', 1, '@u' || i || ':bench',
                           \(now) FROM n;
                \(numbers) INSERT INTO matrix_members (room_id, user_id, membership)
                    SELECT '!r' || i || ':bench', '@u' || i || ':bench', 'join' FROM n;
                WITH RECURSIVE m(j) AS (SELECT 1 UNION ALL SELECT j + 1 FROM m WHERE j < \(logEntries))
                INSERT INTO log_entries
                    (participant_id, programme_id, pair_id, meeting_date, start_time, duration_minutes, topics, created_at)
                    SELECT (j - 1) % \(participants) + 1, 1, (j - 1) % \(participants) + 1,
                           date('\(today.iso)', '-' || ((j * 2654435761) % 4294967291 % 200) || ' days'), '14:00', 30 + (j % 4) * 15,
                           '["visa rules","budget"]', \(now) FROM m;
                """)
        }
        try database.read { try $0.execute("PRAGMA wal_checkpoint(TRUNCATE)") }
    }

    /// One reminder pass: every pair of the programme with no meeting logged in the last 14 days, with the Matrix
    /// address of each member to remind — one set-based query over indexes, no per-pair round trips. The due pairs
    /// are found first (one `log_entries_pair` probe per pair) and only they are joined to their members: letting
    /// SQLite join all 200,000 enrolments and addresses before the NOT EXISTS filter takes twice as long.
    static func reminderPass(_ database: Database, today: CalendarDate) throws -> (pairs: Int, recipients: Int) {
        let rows = try database.read { connection in
            try connection.query("""
                WITH due AS MATERIALIZED (
                    SELECT pr.id FROM pairs AS pr WHERE pr.programme_id = ? AND NOT EXISTS (
                        SELECT 1 FROM log_entries AS l WHERE l.pair_id = pr.id AND l.meeting_date >= ?))
                SELECT due.id AS pair_id, a.address FROM due
                JOIN enrolments AS e ON e.pair_id = due.id
                JOIN addresses AS a ON a.participant_id = e.participant_id AND a.channel = 'matrix'
                """, [Int64(1), today.adding(days: -14).iso])
        }
        return (Set(rows.map { $0.int64("pair_id") }).count, rows.count)
    }

    /// Queues one broadcast to `recipients` rooms as the broadcast action would: one outbox row each, one transaction.
    /// Returns when its own work in the transaction began and ended: the write may also wait for another writer
    /// whose work shares its transaction (a freshly started service's scheduler runs its first pass at that moment).
    static func queueBroadcast(
        _ database: Database, recipients: Int, now: Int64
    ) throws -> (began: Double, ended: Double) {
        let body = "Reminder: the mid-programme survey closes on Friday. Reply \"survey\" to start it."
        var (began, ended) = (0.0, 0.0)
        try database.write { connection in
            began = LoadGenerator.now()
            defer { ended = LoadGenerator.now() }
            let outbox = OutboxRepository(connection)
            for n in 1...recipients {
                try outbox.enqueue(
                    conversationID: nil, channel: ChannelID.matrix, address: "!b\(n):bench", body: body, now: now)
            }
        }
        return (began, ended)
    }
}

/// Broadcasts and their recipients. Whom an author may reach is decided here, in SQL, from their enrolments:
/// a coordinator reaches every pair of the programme; a facilitator the pairs of their cohorts and any pair they
/// are enrolled with; nobody else reaches anyone.
public struct BroadcastRepository {
    /// A person a broadcast goes to, with their pair and the names of the others in it.
    public struct Recipient: Sendable, Hashable {
        public let participantID: Int64
        public let pairID: Int64
        public let peers: [String]
    }

    /// How many pairs match a target, and how many of those the author may reach.
    public struct TargetReach: Sendable, Hashable {
        public let matching: Int
        public let reachable: Int
    }

    /// A broadcast with its delivery counts.
    public struct Summary: Sendable, Hashable {
        public let broadcast: BroadcastRecord
        public let recipients: Int
        public let queued: Int
        public let sent: Int
        public let failed: Int
        /// Recipients with no conversation and no email address.
        public let unreachable: Int
    }

    /// A recipient whose message did not arrive, and why.
    public struct Failure: Sendable, Hashable {
        public let name: String
        /// The channel's last error, or nil when the person had no address.
        public let reason: String?
    }

    let connection: Connection

    public init(_ connection: Connection) { self.connection = connection }

    /// Pairs the author may reach: `?1` author id, `?2` programme id (SQLite numbered parameters).
    static let reachable = """
        (EXISTS (SELECT 1 FROM enrolments AS f WHERE f.participant_id = ?1 AND f.programme_id = ?2
                 AND f.role = 'coordinator')
         OR pr.cohort_id IN (SELECT f.cohort_id FROM enrolments AS f WHERE f.participant_id = ?1
                             AND f.programme_id = ?2 AND f.role = 'facilitator')
         OR pr.id IN (SELECT f.pair_id FROM enrolments AS f WHERE f.participant_id = ?1
                      AND f.programme_id = ?2 AND f.role = 'facilitator'))
        """

    /// `?3` audience, `?4` target.
    private static let matches = """
        (?3 = 'everyone' OR (?3 = 'cohort' AND c.name = ?4 COLLATE NOCASE)
         OR (?3 = 'pair' AND pr.label = ?4 COLLATE NOCASE))
        """

    /// The programme a broadcast belongs to.
    public func programme(id: Int64) throws -> ProgrammeRecord? {
        try connection.query(
            "SELECT id, name, template, start_date, time_zone, join_code FROM programmes WHERE id = ?", [id]
        ).first.map { row in
            ProgrammeRecord(
                id: row.int64("id"), name: row.string("name"), template: row.string("template"),
                startDate: row.string("start_date"), timeZone: row.string("time_zone"),
                joinCode: row.string("join_code"))
        }
    }

    // MARK: - Drafts and schedule

    /// Stores a draft for the author, discarding their earlier unconfirmed drafts.
    public func insertDraft(
        programmeID: Int64, authorID: Int64, audience: BroadcastRecord.Audience, target: String?, roles: [String],
        body: String?, sendAt: Int64, now: Int64
    ) throws -> BroadcastRecord {
        try connection.run(
            "UPDATE broadcasts SET status = 'discarded' WHERE author_id = ? AND status = 'draft'", [authorID])
        try connection.run("""
            INSERT INTO broadcasts (programme_id, author_id, audience, target, roles, body, send_at, created_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """, [programmeID, authorID, audience.rawValue, target, roles.joined(separator: ","), body, sendAt, now])
        return BroadcastRecord(
            id: connection.lastInsertRowID, programmeID: programmeID, authorID: authorID, audience: audience,
            target: target, roles: roles, body: body, sendAt: sendAt, status: .draft, createdAt: now)
    }

    /// The author's newest unconfirmed draft, if any.
    public func draft(authorID: Int64) throws -> BroadcastRecord? {
        try connection.query(
            "\(Self.columns) WHERE author_id = ? AND status = 'draft' ORDER BY id DESC LIMIT 1", [authorID]
        ).first.map(Self.record)
    }

    /// Confirms a draft for later: the scheduler sends it at `send_at`.
    public func schedule(_ id: Int64) throws {
        try connection.run("UPDATE broadcasts SET status = 'scheduled' WHERE id = ? AND status = 'draft'", [id])
    }

    /// Confirmed broadcasts whose time has come, oldest first.
    public func due(now: Int64) throws -> [BroadcastRecord] {
        try connection.query(
            "\(Self.columns) WHERE status = 'scheduled' AND send_at <= ? ORDER BY send_at, id", [now]
        ).map(Self.record)
    }

    /// Claims a draft or scheduled broadcast for sending; false if it was already sent (or discarded).
    public func markSent(_ id: Int64, now: Int64) throws -> Bool {
        try connection.run("""
            UPDATE broadcasts SET status = 'sent', sent_at = ? WHERE id = ? AND status IN ('draft', 'scheduled')
            """, [now, id])
        return connection.changes == 1
    }

    // MARK: - Audience

    /// How many pairs the target names, and how many of them the author may reach.
    public func reach(programmeID: Int64, authorID: Int64, audience: BroadcastRecord.Audience, target: String?)
        throws -> TargetReach
    {
        let row = try connection.query("""
            SELECT COUNT(*) AS matching, COALESCE(SUM(\(Self.reachable)), 0) AS reachable
            FROM pairs AS pr LEFT JOIN cohorts AS c ON c.id = pr.cohort_id
            WHERE pr.programme_id = ?2 AND \(Self.matches)
            """, [authorID, programmeID, audience.rawValue, target]).first
        return TargetReach(matching: row?.int("matching") ?? 0, reachable: row?.int("reachable") ?? 0)
    }

    /// The people a broadcast goes to: members with one of its roles of every matching pair the author may reach,
    /// each once (a mentor of several pairs gets it for their first pair).
    public func recipients(of broadcast: BroadcastRecord) throws -> [Recipient] {
        try connection.query("""
            WITH chosen AS (
                SELECT e.participant_id, MIN(e.pair_id) AS pair_id
                FROM enrolments AS e JOIN pairs AS pr ON pr.id = e.pair_id
                LEFT JOIN cohorts AS c ON c.id = pr.cohort_id
                WHERE pr.programme_id = ?2 AND e.programme_id = ?2
                  AND instr(',' || ?5 || ',', ',' || e.role || ',') > 0
                  AND \(Self.matches) AND \(Self.reachable)
                GROUP BY e.participant_id)
            SELECT ch.participant_id, ch.pair_id,
                   (SELECT group_concat(p2.name, char(31)) FROM enrolments AS e2
                    JOIN participants AS p2 ON p2.id = e2.participant_id
                    WHERE e2.pair_id = ch.pair_id AND e2.participant_id <> ch.participant_id
                      AND e2.role IN ('mentee', 'mentor')) AS peers
            FROM chosen AS ch ORDER BY ch.participant_id
            """, [broadcast.authorID, broadcast.programmeID, broadcast.audience.rawValue, broadcast.target,
                  broadcast.roles.joined(separator: ",")]).map { row in
            Recipient(
                participantID: row.int64("participant_id"), pairID: row.int64("pair_id"),
                peers: row.string("peers").split(separator: "\u{1F}").map(String.init))
        }
    }

    /// Names of the cohorts the author may reach, for "which cohort?" answers.
    public func cohorts(programmeID: Int64, authorID: Int64) throws -> [String] {
        try connection.query("""
            SELECT DISTINCT c.name FROM pairs AS pr JOIN cohorts AS c ON c.id = pr.cohort_id
            WHERE pr.programme_id = ?2 AND \(Self.reachable) ORDER BY c.name
            """, [authorID, programmeID]).map { $0.string("name") }
    }

    // MARK: - Recipients

    /// Records that a person gets the broadcast; false if they already did (then nothing must be queued).
    public func addRecipient(broadcastID: Int64, participantID: Int64, pairID: Int64?, channel: ChannelID?, now: Int64)
        throws -> Bool
    {
        try connection.run("""
            INSERT INTO broadcast_recipients (broadcast_id, participant_id, pair_id, channel, created_at)
            VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING
            """, [broadcastID, participantID, pairID, channel, now])
        return connection.changes == 1
    }

    /// Links a recipient to the outbox row carrying their message.
    public func setOutbox(broadcastID: Int64, participantID: Int64, outboxID: Int64) throws {
        try connection.run(
            "UPDATE broadcast_recipients SET outbox_id = ? WHERE broadcast_id = ? AND participant_id = ?",
            [outboxID, broadcastID, participantID])
    }

    // MARK: - Status

    /// Confirmed broadcasts of a programme, newest first, with delivery counts; only the author's own unless
    /// `authorID` is nil (a coordinator sees all).
    public func summaries(programmeID: Int64, authorID: Int64?, limit: Int = 5) throws -> [Summary] {
        try connection.query("""
            SELECT b.id, b.programme_id, b.author_id, b.audience, b.target, b.roles, b.body, b.send_at, b.status,
                   b.created_at,
                   COUNT(r.participant_id) AS recipients, COALESCE(SUM(o.status = 'queued'), 0) AS queued,
                   COALESCE(SUM(o.status = 'sent'), 0) AS sent, COALESCE(SUM(o.status = 'dead'), 0) AS failed,
                   COALESCE(SUM(r.participant_id IS NOT NULL AND r.outbox_id IS NULL), 0) AS unreachable
            FROM broadcasts AS b
            LEFT JOIN broadcast_recipients AS r ON r.broadcast_id = b.id
            LEFT JOIN outbox AS o ON o.id = r.outbox_id
            WHERE b.programme_id = ? AND (? IS NULL OR b.author_id = ?) AND b.status IN ('scheduled', 'sent')
            GROUP BY b.id ORDER BY b.id DESC LIMIT ?
            """, [programmeID, authorID, authorID, limit]).map { row in
            Summary(
                broadcast: Self.record(row), recipients: row.int("recipients"), queued: row.int("queued"),
                sent: row.int("sent"), failed: row.int("failed"), unreachable: row.int("unreachable"))
        }
    }

    /// Recipients of a broadcast whose message failed or who had no address, with the reason.
    public func failures(broadcastID: Int64, limit: Int = 10) throws -> [Failure] {
        try connection.query("""
            SELECT p.name, o.last_error FROM broadcast_recipients AS r
            JOIN participants AS p ON p.id = r.participant_id LEFT JOIN outbox AS o ON o.id = r.outbox_id
            WHERE r.broadcast_id = ? AND (r.outbox_id IS NULL OR o.status = 'dead')
            ORDER BY p.name LIMIT ?
            """, [broadcastID, limit]).map { Failure(name: $0.string("name"), reason: $0.optionalString("last_error")) }
    }

    // MARK: - Rows

    private static let columns = """
        SELECT id, programme_id, author_id, audience, target, roles, body, send_at, status, created_at FROM broadcasts
        """

    private static func record(_ row: Row) -> BroadcastRecord {
        BroadcastRecord(
            id: row.int64("id"), programmeID: row.int64("programme_id"), authorID: row.int64("author_id"),
            audience: BroadcastRecord.Audience(rawValue: row.string("audience")) ?? .everyone,
            target: row.optionalString("target"),
            roles: row.string("roles").split(separator: ",").map(String.init), body: row.optionalString("body"),
            sendAt: row.int64("send_at"), status: BroadcastRecord.Status(rawValue: row.string("status")) ?? .draft,
            createdAt: row.int64("created_at"))
    }
}

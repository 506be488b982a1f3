/// Pair ground rules: one peer proposes (a new revision each time), every member of the pair agrees.
public struct GroundRulesRepository {
    /// One proposed revision of a pair's ground rules, with who has agreed to it so far.
    public struct GroundRules: Sendable, Hashable {
        public let id: Int64
        public let pairID: Int64
        public let revision: Int
        public let proposedBy: Int64
        public let howOften: String
        public let whereWhen: String
        public let absence: String
        public let friendsAllowed: Bool
        public let problems: String
        /// Participants who agreed to this revision (the proposer included), in the order they agreed.
        public let agreedBy: [Int64]
    }

    /// The answers of a proposal.
    public struct Proposal: Sendable, Hashable {
        public let howOften: String
        public let whereWhen: String
        public let absence: String
        public let friendsAllowed: Bool
        public let problems: String

        public init(howOften: String, whereWhen: String, absence: String, friendsAllowed: Bool, problems: String) {
            self.howOften = howOften
            self.whereWhen = whereWhen
            self.absence = absence
            self.friendsAllowed = friendsAllowed
            self.problems = problems
        }
    }

    let connection: Connection

    public init(_ connection: Connection) { self.connection = connection }

    /// Stores a new revision proposed by `participantID` (who thereby agrees to it) and returns it.
    /// Confidentiality is always acknowledged: a proposal without it is never stored.
    @discardableResult
    public func propose(_ proposal: Proposal, programmeID: Int64, pairID: Int64, participantID: Int64, now: Int64)
        throws -> GroundRules
    {
        let revision = try connection.query(
            "SELECT COALESCE(MAX(revision), 0) + 1 AS next FROM ground_rules WHERE pair_id = ?", [pairID]
        ).first?.int("next") ?? 1
        try connection.run("""
            INSERT INTO ground_rules (programme_id, pair_id, revision, proposed_by, how_often, where_when, absence,
                                      friends_allowed, confidentiality, problems, created_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?)
            """, [programmeID, pairID, revision, participantID, proposal.howOften, proposal.whereWhen,
                  proposal.absence, proposal.friendsAllowed, proposal.problems, now])
        let id = connection.lastInsertRowID
        try agree(rulesID: id, participantID: participantID, now: now)
        return GroundRules(
            id: id, pairID: pairID, revision: revision, proposedBy: participantID, howOften: proposal.howOften,
            whereWhen: proposal.whereWhen, absence: proposal.absence, friendsAllowed: proposal.friendsAllowed,
            problems: proposal.problems, agreedBy: [participantID])
    }

    /// Records that a participant agreed to a revision; returns false if they already had.
    @discardableResult
    public func agree(rulesID: Int64, participantID: Int64, now: Int64) throws -> Bool {
        try connection.run("""
            INSERT INTO ground_rule_agreements (ground_rules_id, participant_id, agreed_at) VALUES (?, ?, ?)
            ON CONFLICT DO NOTHING
            """, [rulesID, participantID, now])
        return connection.changes == 1
    }

    /// The pair's newest revision, or nil when none was proposed.
    public func current(pairID: Int64) throws -> GroundRules? {
        guard let row = try connection.query("""
            SELECT id, pair_id, revision, proposed_by, how_often, where_when, absence, friends_allowed, problems
            FROM ground_rules WHERE pair_id = ? ORDER BY revision DESC LIMIT 1
            """, [pairID]).first
        else { return nil }
        let id = row.int64("id")
        let agreed = try connection.query(
            "SELECT participant_id FROM ground_rule_agreements WHERE ground_rules_id = ? ORDER BY agreed_at, rowid",
            [id]
        ).map { $0.int64("participant_id") }
        return GroundRules(
            id: id, pairID: row.int64("pair_id"), revision: row.int("revision"), proposedBy: row.int64("proposed_by"),
            howOften: row.string("how_often"), whereWhen: row.string("where_when"), absence: row.string("absence"),
            friendsAllowed: row.bool("friends_allowed"), problems: row.string("problems"), agreedBy: agreed)
    }
}

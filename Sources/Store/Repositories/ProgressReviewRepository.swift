/// A school pair's progress reviews: what was achieved, what comes next, and the good indications ticked — which
/// the programme report counts per pair (never the words).
public struct ProgressReviewRepository {
    /// One review.
    public struct Review: Sendable, Hashable {
        public let number: Int
        public let stage: String?
        public let achieved: String
        public let nextSteps: String?
        public let reviewedOn: String
        public let indications: [String]
    }

    let connection: Connection

    public init(_ connection: Connection) { self.connection = connection }

    /// Saves a review and its ticked indications; returns how many reviews the pair has now.
    @discardableResult
    public func insert(
        achieved: String, nextSteps: String?, indications: [String], stage: String?, reviewedOn: String,
        programmeID: Int64, pairID: Int64, authorID: Int64, now: Int64
    ) throws -> Int {
        try connection.run("""
            INSERT INTO progress_reviews
                (programme_id, pair_id, author_id, stage, achieved, next_steps, reviewed_on, created_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """, [programmeID, pairID, authorID, stage, achieved, nextSteps, reviewedOn, now])
        let id = connection.lastInsertRowID
        for indication in Set(indications).sorted() {
            try connection.run(
                "INSERT INTO review_indications (review_id, indication) VALUES (?, ?)", [id, indication])
        }
        return try reviews(pairID: pairID).count
    }

    /// The pair's reviews, oldest first, numbered from 1.
    public func reviews(pairID: Int64) throws -> [Review] {
        let ticked = try connection.query("""
            SELECT i.review_id, i.indication FROM review_indications AS i
            JOIN progress_reviews AS r ON r.id = i.review_id WHERE r.pair_id = ?
            """, [pairID])
        return try connection.query("""
            SELECT id, stage, achieved, next_steps, reviewed_on FROM progress_reviews WHERE pair_id = ? ORDER BY id
            """, [pairID]).enumerated().map { index, row in
            Review(
                number: index + 1, stage: row.optionalString("stage"), achieved: row.string("achieved"),
                nextSteps: row.optionalString("next_steps"), reviewedOn: row.string("reviewed_on"),
                indications: ticked.filter { $0.int64("review_id") == row.int64("id") }
                    .map { $0.string("indication") })
        }
    }

    /// For each indication ticked in the programme, how many different pairs ticked it at least once.
    public func pairsPerIndication(programmeID: Int64) throws -> [String: Int] {
        Dictionary(uniqueKeysWithValues: try connection.query("""
            SELECT i.indication, COUNT(DISTINCT r.pair_id) AS pairs FROM review_indications AS i
            JOIN progress_reviews AS r ON r.id = i.review_id WHERE r.programme_id = ? GROUP BY i.indication
            """, [programmeID]).map { ($0.string("indication"), $0.int("pairs")) })
    }

    /// How many different pairs of the programme reviewed their progress (ticking indications or not).
    public func pairsReviewed(programmeID: Int64) throws -> Int {
        try connection.query(
            "SELECT COUNT(DISTINCT pair_id) AS pairs FROM progress_reviews WHERE programme_id = ?", [programmeID]
        ).first?.int("pairs") ?? 0
    }
}

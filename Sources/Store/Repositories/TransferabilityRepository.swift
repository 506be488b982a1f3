/// Transferability assessments: one good practice ("measure") seen during the visit, rated by the mentee.
public struct TransferabilityRepository {
    /// One assessed measure.
    public struct Assessment: Sendable, Hashable {
        public let measure: String
        /// Implementation period and time to results.
        public let period: String
        public let technicalConditions: String
        /// Actors and responsibilities.
        public let governance: String
        public let regulatoryFramework: String
        public let otherFactors: String?
        /// 1 (low), 2 (moderate) or 3 (high).
        public let rating: Int

        public init(
            measure: String, period: String, technicalConditions: String, governance: String,
            regulatoryFramework: String, otherFactors: String?, rating: Int
        ) {
            self.measure = measure
            self.period = period
            self.technicalConditions = technicalConditions
            self.governance = governance
            self.regulatoryFramework = regulatoryFramework
            self.otherFactors = otherFactors
            self.rating = rating
        }
    }

    let connection: Connection

    public init(_ connection: Connection) { self.connection = connection }

    public func insert(_ assessment: Assessment, programmeID: Int64, pairID: Int64?, participantID: Int64, now: Int64)
        throws
    {
        try connection.run("""
            INSERT INTO transferability_assessments (programme_id, pair_id, participant_id, measure, period,
                technical_conditions, governance, regulatory_framework, other_factors, rating, created_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, [programmeID, pairID, participantID, assessment.measure, assessment.period,
                  assessment.technicalConditions, assessment.governance, assessment.regulatoryFramework,
                  assessment.otherFactors, assessment.rating, now])
    }

    /// The measures the participant assessed for this pair, oldest first.
    public func assessments(pairID: Int64, participantID: Int64) throws -> [Assessment] {
        try connection.query("""
            SELECT measure, period, technical_conditions, governance, regulatory_framework, other_factors, rating
            FROM transferability_assessments WHERE pair_id = ? AND participant_id = ? ORDER BY id
            """, [pairID, participantID]).map { row in
            Assessment(
                measure: row.string("measure"), period: row.string("period"),
                technicalConditions: row.string("technical_conditions"), governance: row.string("governance"),
                regulatoryFramework: row.string("regulatory_framework"),
                otherFactors: row.optionalString("other_factors"), rating: row.int("rating"))
        }
    }
}

import Store

/// Finds a pair by its label, in the programme named `programme` (required when labels repeat across programmes).
enum PairLookup {
    /// The pair's id; throws `unknownPair` or `ambiguousPair`.
    static func pairID(label: String, programme: String?, connection: Connection) throws -> Int64 {
        let pairs = try connection.query("""
            SELECT pr.id, p.name FROM pairs AS pr JOIN programmes AS p ON p.id = pr.programme_id
            WHERE pr.label = ? AND (? IS NULL OR p.name = ?) ORDER BY p.id
            """, [label, programme, programme])
        guard let pair = pairs.first else { throw ReportError.unknownPair(label) }
        guard pairs.count == 1 else { throw ReportError.ambiguousPair(label, pairs.map { $0.string("name") }) }
        return pair.int64("id")
    }
}

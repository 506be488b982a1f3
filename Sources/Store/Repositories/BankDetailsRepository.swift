/// Bank details, one row per participant, sealed by the caller (the store never sees them in clear).
public struct BankDetailsRepository {
    let connection: Connection

    public init(_ connection: Connection) { self.connection = connection }

    private static let columns = "participant_id, holder_sealed, iban_sealed, iban_masked, key_id"

    /// Stores (or replaces) the participant's bank details.
    public func save(_ record: BankDetailsRecord, now: Int64) throws {
        try connection.run(
            """
            INSERT INTO bank_details (\(Self.columns), updated_at) VALUES (?, ?, ?, ?, ?, ?)
            ON CONFLICT (participant_id) DO UPDATE SET holder_sealed = excluded.holder_sealed,
                iban_sealed = excluded.iban_sealed, iban_masked = excluded.iban_masked, key_id = excluded.key_id,
                updated_at = excluded.updated_at
            """,
            [record.participantID, record.holderSealed, record.ibanSealed, record.ibanMasked, record.keyID, now])
    }

    public func find(participantID: Int64) throws -> BankDetailsRecord? {
        try connection.query("SELECT \(Self.columns) FROM bank_details WHERE participant_id = ?", [participantID])
            .first.map(Self.record)
    }

    /// Every row sealed with the key `keyID`.
    public func records(sealedWith keyID: String) throws -> [BankDetailsRecord] {
        try connection.query("SELECT \(Self.columns) FROM bank_details WHERE key_id = ? ORDER BY participant_id",
                             [keyID]).map(Self.record)
    }

    /// How many rows each key sealed, by key id.
    public func countsByKey() throws -> [String: Int] {
        Dictionary(uniqueKeysWithValues: try connection.query(
            "SELECT key_id, COUNT(*) AS n FROM bank_details GROUP BY key_id"
        ).map { ($0.string("key_id"), $0.int("n")) })
    }

    private static func record(_ row: Row) -> BankDetailsRecord {
        BankDetailsRecord(
            participantID: row.int64("participant_id"), holderSealed: row.blob("holder_sealed"),
            ibanSealed: row.blob("iban_sealed"), ibanMasked: row.string("iban_masked"), keyID: row.string("key_id"))
    }
}

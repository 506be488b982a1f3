/// Bank details, one row per participant, sealed by the caller (the store never sees them in clear).
public struct BankDetailsRepository {
    let connection: Connection

    public init(_ connection: Connection) { self.connection = connection }

    /// Stores (or replaces) the participant's bank details.
    public func save(_ record: BankDetailsRecord, now: Int64) throws {
        try connection.run(
            """
            INSERT INTO bank_details (participant_id, holder_sealed, iban_sealed, iban_masked, updated_at)
            VALUES (?, ?, ?, ?, ?)
            ON CONFLICT (participant_id) DO UPDATE SET holder_sealed = excluded.holder_sealed,
                iban_sealed = excluded.iban_sealed, iban_masked = excluded.iban_masked, updated_at = excluded.updated_at
            """, [record.participantID, record.holderSealed, record.ibanSealed, record.ibanMasked, now])
    }

    public func find(participantID: Int64) throws -> BankDetailsRecord? {
        try connection.query(
            "SELECT participant_id, holder_sealed, iban_sealed, iban_masked FROM bank_details WHERE participant_id = ?",
            [participantID]
        ).first.map { row in
            BankDetailsRecord(
                participantID: row.int64("participant_id"), holderSealed: row.blob("holder_sealed"),
                ibanSealed: row.blob("iban_sealed"), ibanMasked: row.string("iban_masked"))
        }
    }
}

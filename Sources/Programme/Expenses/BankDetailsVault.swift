import Crypto
import Store

/// Seals and opens bank details (AES-256-GCM, `SealedBox`), each value bound to its participant and field, with the
/// configured key (`BankDetailsKey`) or — when none is configured — the database's own key. Every row records the
/// id of the key that sealed it, so a configured key can take over rows sealed before it (`resealWithConfiguredKey`).
public struct BankDetailsVault {
    let connection: Connection
    let now: Int64
    /// The configured key; nil uses the database's own secret.
    let configured: BankDetailsKey?

    public init(_ connection: Connection, now: Int64, key: BankDetailsKey? = nil) {
        self.connection = connection
        self.now = now
        self.configured = key
    }

    /// Stores (or replaces) a participant's bank details, sealed.
    public func save(_ details: BankDetails, participantID: Int64) throws {
        let key = try configured ?? BankDetailsKey.database(connection, now: now)
        try BankDetailsRepository(connection).save(try seal(details, participantID: participantID, key: key), now: now)
    }

    /// The masked IBAN, if the participant gave bank details (no key needed).
    public func masked(participantID: Int64) throws -> String? {
        try BankDetailsRepository(connection).find(participantID: participantID)?.ibanMasked
    }

    /// The participant's bank details in clear, for the finance export only.
    /// - Throws: `BankDetailsKeyError.keyMismatch` when the row was sealed with a key that is not configured.
    public func open(participantID: Int64) throws -> BankDetails? {
        guard let record = try BankDetailsRepository(connection).find(participantID: participantID) else { return nil }
        return try open(record)
    }

    /// Re-seals every row still sealed with the database's own key under the configured key, then deletes the
    /// database's secret, so the file alone no longer opens any bank details. Returns how many rows changed.
    /// Does nothing without a configured key.
    @discardableResult
    public func resealWithConfiguredKey() throws -> Int {
        guard configured != nil else { return 0 }
        let count = try reseal(sealedWith: BankDetailsKey.databaseKeyID, previous: nil)
        try BankDetailsSecretRepository(connection).delete()
        return count
    }

    /// Key rotation: re-seals every row sealed with `previous` (the key configured before) under the configured
    /// key. Returns how many rows changed; rows sealed with any other key are left alone.
    @discardableResult
    public func rotate(from previous: BankDetailsKey) throws -> Int {
        guard configured != nil, previous.id != configured?.id else { return 0 }
        return try reseal(sealedWith: previous.id, previous: previous)
    }

    private func reseal(sealedWith keyID: String, previous: BankDetailsKey?) throws -> Int {
        guard let configured else { return 0 }
        let repository = BankDetailsRepository(connection)
        let rows = try repository.records(sealedWith: keyID)
        for record in rows {
            let details = try open(record, previous: previous)
            try repository.save(try seal(details, participantID: record.participantID, key: configured), now: now)
        }
        return rows.count
    }

    private func open(_ record: BankDetailsRecord, previous: BankDetailsKey? = nil) throws -> BankDetails {
        let key: BankDetailsKey
        if record.keyID == BankDetailsKey.databaseKeyID {
            key = try BankDetailsKey.database(connection, now: now)
        } else if let configured, configured.id == record.keyID {
            key = configured
        } else if let previous, previous.id == record.keyID {
            key = previous
        } else {
            throw BankDetailsKeyError.keyMismatch(sealedWith: record.keyID, configured: configured?.id)
        }
        let participantID = record.participantID
        let holder = try SealedBox.open(
            record.holderSealed, key: key.bytes, associatedData: Self.bound(participantID, "holder"))
        let iban = try SealedBox.open(
            record.ibanSealed, key: key.bytes, associatedData: Self.bound(participantID, "iban"))
        return BankDetails(
            holder: String(decoding: holder, as: UTF8.self), iban: try IBAN(String(decoding: iban, as: UTF8.self)))
    }

    private func seal(_ details: BankDetails, participantID: Int64, key: BankDetailsKey) throws -> BankDetailsRecord {
        BankDetailsRecord(
            participantID: participantID,
            holderSealed: try SealedBox.seal(
                Array(details.holder.utf8), key: key.bytes, associatedData: Self.bound(participantID, "holder")),
            ibanSealed: try SealedBox.seal(
                Array(details.iban.electronic.utf8), key: key.bytes, associatedData: Self.bound(participantID, "iban")),
            ibanMasked: details.iban.masked, keyID: key.id)
    }

    private static func bound(_ participantID: Int64, _ field: String) -> [UInt8] {
        Array("participant:\(participantID)/\(field)".utf8)
    }
}

import Crypto
import Store

/// Seals and opens bank details (AES-256-GCM, `SealedBox`), each value bound to its participant and field.
///
/// The key is derived from a random secret generated once per database (`secrets` table). That keeps bank details
/// unreadable in message logs and exports of other tables, but not from someone holding the whole database file:
/// a configured key (e.g. `expenses.data_key`) should replace the stored secret.
public struct BankDetailsVault {
    let connection: Connection
    let now: Int64

    public init(_ connection: Connection, now: Int64) {
        self.connection = connection
        self.now = now
    }

    /// Stores (or replaces) a participant's bank details, sealed.
    public func save(_ details: BankDetails, participantID: Int64) throws {
        let key = try key()
        try BankDetailsRepository(connection).save(
            BankDetailsRecord(
                participantID: participantID,
                holderSealed: try SealedBox.seal(
                    Array(details.holder.utf8), key: key, associatedData: Self.bound(participantID, "holder")),
                ibanSealed: try SealedBox.seal(
                    Array(details.iban.electronic.utf8), key: key, associatedData: Self.bound(participantID, "iban")),
                ibanMasked: details.iban.masked), now: now)
    }

    /// The masked IBAN, if the participant gave bank details (no key needed).
    public func masked(participantID: Int64) throws -> String? {
        try BankDetailsRepository(connection).find(participantID: participantID)?.ibanMasked
    }

    /// The participant's bank details in clear, for the finance export only.
    public func open(participantID: Int64) throws -> BankDetails? {
        guard let record = try BankDetailsRepository(connection).find(participantID: participantID) else { return nil }
        let key = try key()
        let holder = try SealedBox.open(
            record.holderSealed, key: key, associatedData: Self.bound(participantID, "holder"))
        let iban = try SealedBox.open(record.ibanSealed, key: key, associatedData: Self.bound(participantID, "iban"))
        return BankDetails(
            holder: String(decoding: holder, as: UTF8.self), iban: try IBAN(String(decoding: iban, as: UTF8.self)))
    }

    private func key() throws -> [UInt8] {
        let secret = try BankDetailsSecretRepository(connection).secret(orStore: { SecureRandom.token() }, now: now)
        return try SealedBox.deriveKey(fromSecret: secret, purpose: "bank-details")
    }

    private static func bound(_ participantID: Int64, _ field: String) -> [UInt8] {
        Array("participant:\(participantID)/\(field)".utf8)
    }
}

/// The per-database random secret bank details are sealed with when no key is configured (table `secrets`).
/// Whoever has the database file also has this secret; a configured key takes over and deletes it.
public struct BankDetailsSecretRepository {
    let secrets: SecretRepository
    /// The row's name in `secrets`.
    public static let name = "bank-details"

    public init(_ connection: Connection) { secrets = SecretRepository(connection) }

    /// The stored secret; if there is none yet, `generate()` is stored and returned.
    public func secret(orStore generate: () -> String, now: Int64) throws -> String {
        try secrets.secret(named: Self.name, orStore: generate, now: now)
    }

    /// Deletes the secret (once no row is sealed with it).
    public func delete() throws {
        try secrets.delete(named: Self.name)
    }
}

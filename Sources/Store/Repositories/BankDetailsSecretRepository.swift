/// The per-database random secret bank details are sealed with when no key is configured (table `secrets`).
/// Whoever has the database file also has this secret; a configured key takes over and deletes it.
public struct BankDetailsSecretRepository {
    let connection: Connection
    /// The row's name in `secrets`.
    public static let name = "bank-details"

    public init(_ connection: Connection) { self.connection = connection }

    /// The stored secret; if there is none yet, `generate()` is stored and returned.
    public func secret(orStore generate: () -> String, now: Int64) throws -> String {
        try connection.run(
            "INSERT INTO secrets (name, value, created_at) VALUES (?, ?, ?) ON CONFLICT (name) DO NOTHING",
            [Self.name, generate(), now])
        return try connection.query("SELECT value FROM secrets WHERE name = ?", [Self.name]).first?.string("value")
            ?? ""
    }

    /// Deletes the secret (once no row is sealed with it).
    public func delete() throws {
        try connection.run("DELETE FROM secrets WHERE name = ?", [Self.name])
    }
}

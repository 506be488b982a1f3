/// The per-database random secret bank details are sealed with (table `secrets`). Stop-gap until the key comes
/// from configuration: whoever has the database file also has this secret.
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
}

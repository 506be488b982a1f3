/// Random secrets generated once per database (table `secrets`), each under a name: the bank-details secret used
/// when no `expenses.data_key` is configured, the key of email reply addresses when no `email.reply_key` is.
public struct SecretRepository {
    let connection: Connection

    public init(_ connection: Connection) { self.connection = connection }

    /// The secret stored under `name`; if there is none yet, `generate()` is stored and returned.
    public func secret(named name: String, orStore generate: () -> String, now: Int64) throws -> String {
        try connection.run(
            "INSERT INTO secrets (name, value, created_at) VALUES (?, ?, ?) ON CONFLICT (name) DO NOTHING",
            [name, generate(), now])
        return try connection.query("SELECT value FROM secrets WHERE name = ?", [name]).first?.string("value") ?? ""
    }

    /// Deletes the secret stored under `name`.
    public func delete(named name: String) throws {
        try connection.run("DELETE FROM secrets WHERE name = ?", [name])
    }
}

extension EmailRepository {
    /// Counts a permanent delivery failure of mail to `address`; returns the count since it last wrote.
    @discardableResult
    public func recordBounce(address: String, reason: String, now: Int64) throws -> Int {
        try connection.run("""
            INSERT INTO email_bounces (address, bounces, last_bounce_at, last_reason) VALUES (?, 1, ?, ?)
            ON CONFLICT (address) DO UPDATE SET bounces = bounces + 1, last_bounce_at = excluded.last_bounce_at,
                last_reason = excluded.last_reason
            """, [address, now, String(reason.prefix(500))])
        return try bounces(address: address)
    }

    /// Permanent delivery failures of mail to `address` since it last wrote (0 when none).
    public func bounces(address: String) throws -> Int {
        try connection.query("SELECT bounces FROM email_bounces WHERE address = ?", [address]).first?.int("bounces")
            ?? 0
    }

    /// The address wrote to Tandem: it is alive, its failures are forgotten.
    public func clearBounces(address: String) throws {
        try connection.run("DELETE FROM email_bounces WHERE address = ?", [address])
    }
}

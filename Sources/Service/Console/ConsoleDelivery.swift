import Store

/// Delivers the terminal's queued replies: printed, then marked sent. A reply queued before a crash is
/// printed when the terminal comes back. A file sent with a reply is shown by name on a line of its own
/// (`📎 mentoring-sessions.ics`).
public struct ConsoleDelivery: Sendable {
    public let database: Database
    public let address: String
    public let clock: Clock

    public init(database: Database, address: String, clock: Clock = .system) {
        self.database = database
        self.address = address
        self.clock = clock
    }

    /// Hands every queued reply for this terminal to `deliver`, oldest first, marking each sent after it.
    public func flush(_ deliver: (String) -> Void) throws {
        let pending = try database.read { connection in
            let outbox = OutboxRepository(connection)
            return try outbox.queued(channel: .console, address: address).map { message in
                (message, try outbox.attachments(outboxID: message.id).map { "\n📎 " + $0.file.filename }.joined())
            }
        }
        for (message, files) in pending {
            deliver(message.body + files)
            try database.write { connection in try OutboxRepository(connection).markSent(message.id, now: clock.now()) }
        }
    }
}

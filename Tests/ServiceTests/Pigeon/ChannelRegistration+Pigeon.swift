import Service
import Store

extension ChannelID {
    /// A throw-away channel that exists only in this test target: messages posted as JSON, replies kept in a loft.
    static let pigeon = ChannelID("pigeon")
}

extension ChannelRegistration {
    /// The pigeon channel, added to a service by registration alone: its section (`pigeon.token`, `pigeon.loft`),
    /// its de-duplication table (migration 120), its webhook, its transport (delivering into `loft`), its doctor
    /// line and its configuration warning. Nothing in `Sources/` knows it.
    static func pigeon(loft: PigeonLoft) -> ChannelRegistration {
        ChannelRegistration(
            id: .pigeon,
            settings: [.string("token"), .string("loft", default: "home"), .integer("max_bytes", default: 4096)],
            migrations: [
                Migration(version: 120, name: "pigeon: messages seen, by their ring number", sql: """
                    CREATE TABLE pigeon_messages (ring TEXT PRIMARY KEY, received_at INTEGER NOT NULL);
                    """),
            ],
            validate: { settings throws(ConfigurationError) in
                guard settings.integer("max_bytes") > 0 else {
                    throw ConfigurationError(key: settings.key("max_bytes"), message: "must be positive")
                }
            },
            warnings: { _, settings in
                settings.string("loft").isEmpty
                    ? [.warn("configuration", "pigeon.loft is empty: replies fly nowhere", fix: "set pigeon.loft")] : []
            },
            start: { context in
                let token = context.settings.string("token")
                return ChannelRuntime(
                    routes: [PigeonWebhook(
                        pipeline: context.pipeline, token: token, maxBytes: context.settings.integer("max_bytes")
                    ).route],
                    transport: token.isEmpty ? nil : loft)
            },
            check: { context in
                let token = context.settings.string("token")
                return token.isEmpty
                    ? .ok("pigeon", "not configured (pigeon.token is empty)")
                    : .ok("pigeon", "flying to the loft \(context.settings.string("loft"))")
            })
    }
}

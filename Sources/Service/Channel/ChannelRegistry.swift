import Store

/// The channels a Tandem runs, in order (start-up, doctor, metrics). ``standard`` is the list `tandem` is built with.
public struct ChannelRegistry: Sendable {
    /// Every channel, in the order given.
    public let registrations: [ChannelRegistration]

    /// Refuses two channels with one name (migration versions are checked by the store's `Migrator`).
    public init(_ registrations: [ChannelRegistration]) {
        precondition(Set(registrations.map(\.id)).count == registrations.count, "channel names must be unique")
        self.registrations = registrations
    }

    /// This registry and `more` after it.
    public func adding(_ more: ChannelRegistration...) -> ChannelRegistry {
        ChannelRegistry(registrations + more)
    }

    /// The tables of every channel (each in its own range of versions).
    public var migrations: [Migration] { registrations.flatMap(\.migrations) }

    /// Tandem's schema with every channel's tables: what the database is migrated to.
    public var schema: [Migration] { Schema.migrations + migrations }

    /// Every channel's configuration keys, `section.key` → the declared setting.
    var settings: [String: ChannelSetting] {
        var keys: [String: ChannelSetting] = [:]
        for registration in registrations {
            for setting in registration.settings { keys["\(registration.id.rawValue).\(setting.name)"] = setting }
        }
        return keys
    }
}

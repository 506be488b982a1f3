import Channels

/// One key of a channel's configuration section: its name within the section, its type and its default.
public struct ChannelSetting: Sendable, Equatable {
    /// The key within the section (`gateway_url` of `sms.gateway_url`).
    public let name: String
    /// The value before the file or the environment sets one; its case is the setting's type.
    public let defaultValue: JSONValue

    /// A text setting.
    public static func string(_ name: String, default value: String = "") -> ChannelSetting {
        ChannelSetting(name: name, defaultValue: .string(value))
    }

    /// A whole-number setting.
    public static func integer(_ name: String, default value: Int) -> ChannelSetting {
        ChannelSetting(name: name, defaultValue: .integer(value))
    }

    /// A `true`/`false` setting.
    public static func boolean(_ name: String, default value: Bool) -> ChannelSetting {
        ChannelSetting(name: name, defaultValue: .bool(value))
    }
}
